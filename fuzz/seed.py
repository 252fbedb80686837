"""Writes seed inputs for the two targets. read_extract (fuzz/corpus/read_extract):
slices of the sample corpus (and ../shared/corpus/dev when present), each
prefixed with the byte that picks its reader (0 text, 1 HTML, 2 JSON Lines).
query (fuzz/corpus/query): SPARQL queries of the kinds the server answers —
lookups, paths, aggregates, sorts, subqueries, named graphs, functions — so
that mutations start from queries that parse and reach the store."""
import glob
import os

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = os.path.join(root, "fuzz/corpus/read_extract")
os.makedirs(out, exist_ok=True)
files = sorted(glob.glob(os.path.join(root, "data/sample/*"))) + sorted(glob.glob(os.path.join(root, "../shared/corpus/dev/*")))
i = 0
for f in files:
    b = open(f, "rb").read()
    fmt = 2 if f.endswith(".jsonl") else (1 if f.endswith((".html", ".htm")) else 0)
    for start in range(0, min(len(b), 24000), 3000):
        with open(os.path.join(out, f"seed{i:03}"), "wb") as w:
            w.write(bytes([fmt]) + b[start:start + 3000])
        i += 1
with open(os.path.join(out, "big5"), "wb") as w:
    w.write(b"\x00" + "臺灣科技產業發展，清華大學".encode("big5"))
print(f"{i + 1} seeds in {out}")

IG = "PREFIX ig: <https://w3id.org/innograph/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
QUERIES = [
    "ASK { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } LIMIT 10",
    IG + "SELECT ?d ?p WHERE { ?x ig:runsProgram ?y . ?x rdfs:label ?d . ?y rdfs:label ?p } ORDER BY ?d ?p",
    IG + "SELECT ?x (COUNT(DISTINCT ?p) AS ?n) WHERE { ?x ig:runsProgram ?p } GROUP BY ?x HAVING (COUNT(?p) > 1)",
    IG + "SELECT ?a ?b WHERE { ?a ig:partOf+ ?b }",
    IG + "SELECT ?e WHERE { ?e (rdfs:label|^ig:runsProgram)/ig:partOf* ?d } LIMIT 5",
    IG + "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY DESC(?n)",
    IG + "SELECT ?o ?v WHERE { ?o a ig:Observation ; ig:value ?v . FILTER(?v > 100 && STRSTARTS(STR(?o), \"https\")) }",
    IG + "SELECT ?l WHERE { ?e rdfs:label ?l FILTER(REGEX(?l, \"^[\u4e00-\u9fff]+区$\")) }",
    IG + "CONSTRUCT { ?a ig:near ?b } WHERE { ?a ig:runsProgram ?p . ?b ig:runsProgram ?p FILTER(?a != ?b) }",
    IG + "DESCRIBE ?d WHERE { ?d rdfs:label \"新北区\"@zh }",
    IG + "SELECT * WHERE { { SELECT ?x WHERE { ?x a ig:Program } LIMIT 3 } OPTIONAL { ?x rdfs:label ?l } }",
    IG + "SELECT ?x WHERE { ?x a ?c MINUS { ?x a ig:Program } FILTER NOT EXISTS { ?x ig:partOf ?y } }",
    IG + "SELECT ?x ?y WHERE { VALUES ?x { 1 2.5 \"a\" <http://x/a> } BIND(CONCAT(STR(?x), \"-\") AS ?y) }",
    IG + "SELECT (SUM(?v) AS ?s) (AVG(?v) AS ?a) (GROUP_CONCAT(?u; SEPARATOR=\",\") AS ?us) WHERE { ?o ig:value ?v ; ig:unit ?u }",
    "SELECT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } OFFSET 5 LIMIT 5",
    "SELECT (STRLEN(?o) AS ?n) (LANG(?o) AS ?l) (DATATYPE(?o) AS ?t) WHERE { ?s ?p ?o FILTER(ISLITERAL(?o)) } LIMIT 20",
]
qout = os.path.join(root, "fuzz/corpus/query")
os.makedirs(qout, exist_ok=True)
for j, q in enumerate(QUERIES):
    with open(os.path.join(qout, f"seed{j:03}"), "w", encoding="utf-8") as w:
        w.write(q)
print(f"{len(QUERIES)} seeds in {qout}")
