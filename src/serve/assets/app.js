// The analyst's page: a query editor over /sparql and the analyses of /api/analyze.
// Hand-written, no framework, no network but this server.
"use strict";

const PREFIXES = `PREFIX ig: <https://w3id.org/innograph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
`;

const EXAMPLES = {
  programs: PREFIXES + `SELECT DISTINCT ?division ?program ?d ?p WHERE {
  ?d ig:runsProgram ?p . ?d rdfs:label ?division . ?p rdfs:label ?program
} ORDER BY ?division ?program LIMIT 500`,
  shared: PREFIXES + `# partners (institutions) that two or more divisions relate to
SELECT ?partner ?e (COUNT(DISTINCT ?d) AS ?divisions) (GROUP_CONCAT(DISTINCT ?dl; separator=" ") AS ?names) WHERE {
  ?d a ig:AdministrativeDivision ; rdfs:label ?dl .
  ?e a/rdfs:subClassOf* ig:Institution ; rdfs:label ?partner .
  ?p rdfs:subPropertyOf ig:relatedTo .
  { ?d ?p ?e } UNION { ?e ?p ?d }
} GROUP BY ?partner ?e HAVING (COUNT(DISTINCT ?d) >= 2) ORDER BY DESC(?divisions) LIMIT 200`,
  figures: PREFIXES + `SELECT DISTINCT ?division ?measure ?value ?unit ?year ?status ?text ?doc WHERE {
  ?o a ig:Observation ; ig:observedEntity/rdfs:label ?division ; ig:measure ?measure ;
     ig:value ?value ; ig:unit ?unit ; ig:status ?status ; nif:anchorOf ?text ; nif:referenceContext ?doc .
  OPTIONAL { ?o ig:year ?year }
} ORDER BY ?division ?year LIMIT 500`,
  classes: PREFIXES + `SELECT ?class (COUNT(DISTINCT ?e) AS ?entities) WHERE {
  ?doc ig:mentions ?e . ?e a ?class
} GROUP BY ?class ORDER BY DESC(?entities)`,
  documents: PREFIXES + `SELECT ?doc ?title ?date ?publisher WHERE {
  ?doc a ig:Document . OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:date ?date }
  OPTIONAL { ?doc dcterms:publisher ?publisher }
} ORDER BY DESC(?date) LIMIT 500`,
};

const $ = (id) => document.getElementById(id);
let last = null; // the last query run, for downloads

// An innograph IRI opens its page on this server; other web addresses stay
// where they point; any other scheme (javascript:, data:) is shown, not linked.
function href(iri) {
  const base = "https://w3id.org/innograph";
  if (iri.startsWith(base + "/id/") || iri.startsWith(base + "/doc/")) return iri.slice(base.length);
  return /^https?:/i.test(iri) ? iri : null;
}

function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  const to = term.type === "uri" ? href(term.value) : null;
  if (to !== null) {
    const a = document.createElement("a");
    a.href = to;
    a.textContent = term.value.replace(/^https:\/\/w3id\.org\/innograph\/(id|doc)\//, "");
    td.appendChild(a);
  } else if (term.type === "uri") {
    td.textContent = term.value;
  } else {
    td.textContent = term.value;
    if (term.datatype && /decimal|integer|double/.test(term.datatype)) td.className = "num";
  }
  return td;
}

function table(vars, rows, into) {
  const t = document.createElement("table");
  t.className = "grid";
  const head = t.createTHead().insertRow();
  for (const v of vars) {
    const th = document.createElement("th");
    th.textContent = v;
    head.appendChild(th);
  }
  const body = t.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    tr.className = "row";
    for (const v of vars) tr.appendChild(cell(r[v]));
  }
  into.replaceChildren(t);
}

async function runQuery() {
  const q = $("editor").value;
  $("status").textContent = "running…";
  $("results").replaceChildren();
  const t0 = performance.now();
  try {
    const res = await fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", Accept: "application/sparql-results+json" },
      body: q,
    });
    const body = await res.text();
    if (!res.ok) {
      $("status").textContent = "";
      const pre = document.createElement("pre");
      pre.className = "error";
      pre.textContent = body;
      $("results").replaceChildren(pre);
      return;
    }
    const data = JSON.parse(body);
    last = q;
    $("csv").disabled = $("json").disabled = false;
    if ("boolean" in data) {
      $("results").textContent = String(data.boolean);
      $("status").textContent = "";
      return;
    }
    const rows = data.results.bindings;
    table(data.head.vars, rows, $("results"));
    $("status").textContent = `${rows.length} rows in ${Math.round(performance.now() - t0)} ms`;
  } catch (e) {
    $("status").textContent = "the query could not be sent: " + e;
  }
}

async function download(accept, ext) {
  if (!last) return;
  const res = await fetch("/sparql", {
    method: "POST",
    headers: { "Content-Type": "application/sparql-query", Accept: accept },
    body: last,
  });
  const blob = await res.blob();
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = "innograph-results." + ext;
  a.click();
  URL.revokeObjectURL(a.href);
}

async function runAnalysis(which) {
  const cls = $("aclass").value;
  const params = new URLSearchParams({ top: "50" });
  if (cls) params.set("class", cls);
  $("astatus").textContent = "computing…";
  const res = await fetch(`/api/analyze/${which}?${params}`);
  const body = await res.text();
  if (!res.ok) {
    $("astatus").textContent = body;
    return;
  }
  const data = JSON.parse(body);
  const uri = (v) => ({ type: "uri", value: v });
  const lit = (v) => ({ type: "literal", value: String(v) });
  let vars, rows;
  if (which === "shared") {
    vars = ["entity", "type", "divisions", "documents"];
    rows = data.map((s) => ({ entity: uri(s.iri), type: lit(s.type), divisions: lit(s.districts.join(" ")), documents: lit(s.documents) }));
  } else if (which === "centrality") {
    vars = ["rank", "entity", "label", "type", "score"];
    rows = data.map((s) => ({ rank: lit(s.rank), entity: uri(s.iri), label: lit(s.label), type: lit(s.type), score: lit(s.score.toFixed(6)) }));
  } else {
    vars = ["community", "size", "members"];
    rows = data.communities.map((c) => ({ community: lit(c.id), size: lit(c.size), members: lit(c.members.slice(0, 12).map((m) => m.label).join(" ") + (c.members.length > 12 ? ` … +${c.members.length - 12} more` : "")) }));
  }
  table(vars, rows, $("analysis"));
  $("astatus").textContent = which === "communities" ? `${data.count} communities, modularity ${data.modularity.toFixed(4)}` : `${rows.length} rows`;
}

function init() {
  const params = new URLSearchParams(location.search);
  const example = params.get("example") || "programs";
  $("example").value = EXAMPLES[example] ? example : "programs";
  $("editor").value = params.get("query") || EXAMPLES[$("example").value];
  $("example").addEventListener("change", () => { $("editor").value = EXAMPLES[$("example").value]; });
  $("run").addEventListener("click", runQuery);
  $("editor").addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) runQuery(); });
  $("csv").addEventListener("click", () => download("text/csv", "csv"));
  $("json").addEventListener("click", () => download("application/sparql-results+json", "json"));
  for (const b of document.querySelectorAll("[data-analysis]")) b.addEventListener("click", () => runAnalysis(b.dataset.analysis));
  if (params.get("run")) runQuery();
  if (params.get("analysis")) runAnalysis(params.get("analysis"));
}

init();
