#!/usr/bin/env python3
"""Benchmark `innograph serve` side by side with Virtuoso 7 on the same data.

Builds a store of ../shared/corpus/dev and ../shared/corpus/reports (or
--corpus; the reports' JSON Lines file read by its `content` field), exports it
as N-Quads, loads that into a fresh Virtuoso (Debian's virtuoso-opensource-7),
then measures both in one run:

- latency: one client, each query of the page's examples (their text read from
  src/serve/assets/app.js) and of a varied mix of selective queries sent
  --repeat times to innograph without its answer cache, with it, and to
  Virtuoso, all three running, the three requests of a query one after the
  other; the median of each, the ratio to Virtuoso, and the rows each server
  answered (the machine is shared: medians, not means, and interleaved, so
  that another process's busy moment slows the three alike);
- load (unless --latency-only): 64 concurrent clients over the example queries
  and entity descriptions (identical text for both servers) and, for
  innograph, its HTML entity pages: throughput, p50/p99, errors, peak RSS.

Prints JSON and Markdown tables.

usage: tools/bench_serve.py [--bin target/release/innograph] [--repeat 7] [--latency-only]
"""
import argparse, http.client, json, os, random, re, shutil, statistics, subprocess, sys, tempfile, threading, time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import virtuoso  # noqa: E402

P = """PREFIX ig: <https://w3id.org/innograph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
"""
QUERIES = {
    "programs per division": P + "SELECT DISTINCT ?division ?program WHERE { ?d ig:runsProgram ?p . ?d rdfs:label ?division . ?p rdfs:label ?program } ORDER BY ?division ?program LIMIT 500",
    "shared partners": P + """SELECT ?partner (COUNT(DISTINCT ?d) AS ?n) WHERE {
  ?d a ig:AdministrativeDivision . ?e a ig:Institution ; rdfs:label ?partner .
  { ?d ig:partnersWith ?e } UNION { ?d ig:hostsInstitution ?e } } GROUP BY ?partner HAVING (COUNT(DISTINCT ?d) >= 2) ORDER BY DESC(?n) LIMIT 100""",
    "figures with their text": P + """SELECT ?division ?measure ?value ?unit ?year ?text WHERE {
  ?o a ig:Observation ; ig:observedEntity ?e ; ig:measure ?measure ; ig:value ?value ; ig:unit ?unit ; ig:year ?year ; nif:anchorOf ?text .
  ?e rdfs:label ?division } LIMIT 200""",
    "entities per class": P + "SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE { ?d ig:mentions ?e . ?e a ?t } GROUP BY ?t ORDER BY DESC(?n)",
}

APP_JS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "serve", "assets", "app.js")
# the page's examples, by the name its menu shows
PAGE_EXAMPLES = {"shared": "partners shared by divisions", "figures": "figures with their text",
                 "programs": "programs per division", "classes": "entities per class", "documents": "documents"}


def page_examples():
    """The example queries of the page at /, their text exactly as the page sends it."""
    js = open(APP_JS, encoding="utf-8").read()
    prefixes = re.search(r"const PREFIXES = `(.*?)`;", js, re.S).group(1)
    out = {}
    for key, text in re.findall(r"^  (\w+): PREFIXES \+ `(.*?)`,?$", js, re.S | re.M):
        out["page: " + PAGE_EXAMPLES.get(key, key)] = prefixes + text
    return out


# Selective queries of the kinds analysts type: a few named things, a filter, a
# date or year, an optional, an aggregate over a small part, an ASK, a
# CONSTRUCT. DISTINCT where a fact may be stated by several documents, so that
# both servers answer the same rows (Virtuoso's default graph is the union of
# the graphs, not their merge).
VARIED = {
    "label lookup": 'SELECT DISTINCT ?e ?c WHERE { ?e rdfs:label "人工智能"@zh ; a ?c }',
    "alias lookup": 'SELECT DISTINCT ?e ?l WHERE { ?e skos:altLabel "国开行"@zh ; rdfs:label ?l }',
    "divisions prioritising an industry": 'SELECT DISTINCT ?d ?l WHERE { ?d ig:prioritizesIndustry ?i . ?i rdfs:label "人工智能"@zh . ?d rdfs:label ?l } ORDER BY ?l',
    "programs of a division": 'SELECT DISTINCT ?p ?l WHERE { ?d rdfs:label "上海市"@zh ; ig:runsProgram ?p . ?p rdfs:label ?l } ORDER BY ?l',
    "platforms of a division": 'SELECT DISTINCT ?p ?l WHERE { ?d rdfs:label "北京市"@zh ; ?r ?p . ?r rdfs:subPropertyOf ig:relatedTo . ?p a ig:Platform ; rdfs:label ?l }',
    "figures of a division in a year": 'SELECT DISTINCT ?m ?v ?u ?s WHERE { ?o ig:observedEntity ?d ; ig:year "2025"^^xsd:gYear ; ig:measure ?m ; ig:value ?v ; ig:unit ?u ; ig:status ?s . ?d rdfs:label "北京市"@zh }',
    "targets in a unit": 'SELECT DISTINCT ?l ?m ?v WHERE { ?o ig:status ig:Target ; ig:unit "亿元"@zh ; ig:measure ?m ; ig:value ?v ; ig:observedEntity/rdfs:label ?l } ORDER BY DESC(?v) LIMIT 50',
    "figures above a value": 'SELECT DISTINCT ?l ?m ?v WHERE { ?o ig:unit "%"@zh ; ig:value ?v ; ig:measure ?m ; ig:observedEntity/rdfs:label ?l FILTER(?v > 30) } LIMIT 100',
    "figures with a qualifier": 'SELECT DISTINCT ?m ?v ?u WHERE { ?o ig:qualifier "以上"@zh ; ig:measure ?m ; ig:value ?v ; ig:unit ?u } LIMIT 100',
    "documents of a year": 'SELECT DISTINCT ?doc ?t WHERE { ?doc a ig:Document ; dcterms:date ?d . OPTIONAL { ?doc dcterms:title ?t } FILTER(?d >= "2026-01-01"^^xsd:date) }',
    "documents mentioning an entity": 'SELECT (COUNT(DISTINCT ?doc) AS ?n) WHERE { ?doc ig:mentions ?e . ?e rdfs:label "新能源汽车"@zh }',
    "officials with roles": 'SELECT DISTINCT ?p ?r ?a WHERE { ?x ig:role ?r ; rdfs:label ?p ; ig:officialOf/rdfs:label ?a } LIMIT 100',
    "parts of a university": 'SELECT DISTINCT ?part ?l WHERE { ?part ig:partOf ?u . ?u rdfs:label "清华大学"@zh . ?part rdfs:label ?l }',
    "labs by name": 'SELECT DISTINCT ?e ?l WHERE { ?e a ig:Institution ; rdfs:label ?l FILTER(CONTAINS(STR(?l), "实验室")) }',
    "events organised": 'SELECT DISTINCT ?dl ?el WHERE { ?d ig:organizesEvent ?e . ?d rdfs:label ?dl . ?e rdfs:label ?el } LIMIT 100',
    "funds of divisions": 'SELECT DISTINCT ?dl ?fl WHERE { ?d ig:hasFund ?f . ?d rdfs:label ?dl . ?f rdfs:label ?fl } LIMIT 100',
    "mentions with offsets": 'SELECT DISTINCT ?m ?b ?a WHERE { ?m itsrdf:taIdentRef ?e ; nif:beginIndex ?b ; nif:anchorOf ?a . ?e rdfs:label "量子科技"@zh } LIMIT 50',
    "industries of a region's divisions": 'SELECT DISTINCT ?il WHERE { ?d ig:partOf ?r . ?r rdfs:label "长三角"@zh . ?d ig:prioritizesIndustry/rdfs:label ?il } LIMIT 100',
    "years of a national measure": 'SELECT ?y (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o ig:observedEntity ?d ; ig:year ?y ; ig:measure ?m . ?d rdfs:label "中华人民共和国"@zh FILTER(CONTAINS(STR(?m), "国内生产总值")) } GROUP BY ?y ORDER BY ?y',
    "does a division host a platform": 'ASK { ?d rdfs:label "上海市"@zh ; ?r ?p . ?r rdfs:subPropertyOf ig:relatedTo . ?p a ig:Platform }',
    "an entity's triples": 'CONSTRUCT { ?e ?p ?o } WHERE { ?e rdfs:label "上海市"@zh ; ?p ?o }',
}


def describe(iri):
    return f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}"


def free_port():
    return virtuoso.free_port()


def rss_mb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None


def run_load(host, port, requests, clients, seconds):
    """`requests`: list of (path, headers). Each client cycles through them from a random start."""
    lat, errors, lock = [], [0], threading.Lock()
    stop = time.time() + seconds

    def client(seed):
        rnd = random.Random(seed)
        conn = http.client.HTTPConnection(host, port, timeout=120)
        i = rnd.randrange(len(requests))
        mine, bad = [], 0
        while time.time() < stop:
            path, headers = requests[i % len(requests)]
            i += 1
            t = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                r = conn.getresponse()
                r.read()
                if r.status != 200:
                    bad += 1
            except Exception:
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=120)
            mine.append(time.perf_counter() - t)
        with lock:
            lat.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=client, args=(s,)) for s in range(clients)]
    t0 = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.time() - t0
    lat.sort()
    q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else None
    return {"requests": len(lat), "errors": errors[0], "seconds": wall, "throughput_rps": len(lat) / wall,
            "p50_ms": q(0.50), "p99_ms": q(0.99), "mean_ms": statistics.mean(lat) * 1000 if lat else None}


def timed_query(host, port, query, accept):
    """One request on a fresh connection: seconds, HTTP status, rows (or triples) answered."""
    path = "/sparql?" + urllib.parse.urlencode({"query": query})
    conn = http.client.HTTPConnection(host, port, timeout=300)
    t = time.perf_counter()
    try:
        conn.request("GET", path, headers={"Accept": accept})
        r = conn.getresponse()
        body = r.read()
        took = time.perf_counter() - t
    finally:
        conn.close()
    rows = None
    if r.status == 200:
        if accept.startswith("application/sparql-results+json"):
            j = json.loads(body)
            rows = len(j["results"]["bindings"]) if "results" in j else int(bool(j.get("boolean")))
        else:
            rows = sum(1 for line in body.decode("utf-8", "replace").splitlines() if line.strip())
    return took, r.status, rows


def latencies(servers, queries, repeat):
    """`servers`: name -> (host, port). Each query `repeat` times, sent to every
    server in turn before the next (so a busy moment of the shared machine hits
    the servers and the queries alike): median ms, status and rows per server
    and query."""
    runs = {s: {name: [] for name in queries} for s in servers}
    last = {s: {} for s in servers}
    for _ in range(repeat):
        for name, q in queries.items():
            graph = re.search(r"^\s*(CONSTRUCT|DESCRIBE)", q, re.M | re.I)
            accept = "application/n-triples" if graph else "application/sparql-results+json"
            for s, (host, port) in servers.items():
                took, status, rows = timed_query(host, port, q, accept)
                runs[s][name].append(took * 1000)
                last[s][name] = (status, rows)
    return {s: {name: {"median_ms": statistics.median(v), "min_ms": min(v), "max_ms": max(v),
                       "status": last[s][name][0], "rows": last[s][name][1]} for name, v in r.items()}
            for s, r in runs.items()}


def latency_queries():
    q = page_examples()
    q.update({name: P + text for name, text in VARIED.items()})
    return q


def print_latency_table(results):
    lat = results["latency"]
    names = list(lat["virtuoso"].keys())
    print("\n| query | innograph uncached ms | innograph cached ms | Virtuoso ms | uncached / Virtuoso | cached / Virtuoso | rows (innograph / Virtuoso) |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for n in names:
        u, c, v = lat["innograph_nocache"][n], lat["innograph"][n], lat["virtuoso"][n]
        ok = lambda r: r["status"] == 200
        ratio = lambda a: f"{a['median_ms'] / v['median_ms']:.2f}" if ok(a) and ok(v) and v["median_ms"] > 0 else "–"
        cell = lambda r: f"{r['median_ms']:.1f}" if ok(r) else f"HTTP {r['status']}"
        print(f"| {n} | {cell(u)} | {cell(c)} | {cell(v)} | {ratio(u)} | {ratio(c)} | {u['rows']} / {v['rows']} |")


def sparql_requests(iris, accept="application/sparql-results+json"):
    reqs = []
    for q in QUERIES.values():
        reqs.append(("/sparql?" + urllib.parse.urlencode({"query": q}), {"Accept": accept}))
    for iri in iris:
        reqs.append(("/sparql?" + urllib.parse.urlencode({"query": describe(iri)}), {"Accept": "application/n-triples"}))
    return reqs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="target/release/innograph")
    ap.add_argument("--corpus", nargs="+", default=["../shared/corpus/dev", "../shared/corpus/reports"])
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--entities", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=7, help="requests per query and server for the latency table")
    ap.add_argument("--latency-only", action="store_true", help="skip the 64-client load")
    a = ap.parse_args()
    if not virtuoso.available():
        sys.exit("bench_serve.py: Virtuoso is not installed (apt-get install virtuoso-opensource-7)")
    with tempfile.TemporaryDirectory(prefix="innograph-bench-serve-") as work:
        bench(a, work)


def bench(a, work):
    store, nq = os.path.join(work, "store"), os.path.join(work, "nq")
    os.makedirs(nq)
    files = [os.path.join(c, f) for c in a.corpus for f in sorted(os.listdir(c)) if f.endswith(".txt")]
    subprocess.run([a.bin, "ingest", "--store", store, *files], check=True, capture_output=True)
    for c in a.corpus:
        jsonl = os.path.join(c, "government_work_reports.jsonl")
        if os.path.exists(jsonl):
            subprocess.run([a.bin, "ingest", "--store", store, "--text-field", "content", jsonl], check=True, capture_output=True)
    subprocess.run([a.bin, "export", "--store", store, "--format", "nquads", "--out", os.path.join(nq, "all.nq")], check=True)
    quads = sum(1 for _ in open(os.path.join(nq, "all.nq"), encoding="utf-8"))
    # the most central entities, whose pages analysts open first
    out = subprocess.run([a.bin, "analyze", "centrality", "--store", store, "--top", str(a.entities), "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    iris = [r["iri"] for r in json.loads(out)]
    results = {"quads": quads, "clients": a.clients, "seconds": a.seconds, "repeat": a.repeat, "latency": {}}
    lq = latency_queries()
    pages = [(i.replace("https://w3id.org/innograph", ""), {"Accept": "text/html"}) for i in iris]
    # two servers on one store cannot both hold it: the cached one gets a copy
    shutil.copytree(store, store + "-copy")
    servers, procs = {}, []
    with virtuoso.Virtuoso(extra_dir=nq) as v:
        results["virtuoso_load_s"] = v.load_nquads(nq)
        try:
            # without the answer cache (every request evaluated), and with it (the default)
            for name, path, flags in (("innograph_nocache", store, ["--no-cache"]), ("innograph", store + "-copy", [])):
                port = free_port()
                srv = subprocess.Popen([a.bin, "serve", "--store", path, "--bind", f"127.0.0.1:{port}", "--timeout", "120", *flags],
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                procs.append((name, srv))
                srv.stdout.readline()
                servers[name] = ("127.0.0.1", port)
            servers["virtuoso"] = ("127.0.0.1", v.http_port)
            # warm up: every server's pages in memory, its cache filled
            latencies(servers, lq, 1)
            results["latency"] = latencies(servers, lq, a.repeat)
            if not a.latency_only:
                # the load one server at a time, the others idle
                for name, srv in procs:
                    host, port = servers[name]
                    run_load(host, port, sparql_requests(iris), 4, 2)  # warm up
                    results[name + "_sparql"] = run_load(host, port, sparql_requests(iris), a.clients, a.seconds)
                    results[name + "_pages"] = run_load(host, port, pages, a.clients, a.seconds)
                    results[name + "_rss_mb"] = rss_mb(srv.pid)
                run_load("127.0.0.1", v.http_port, sparql_requests(iris), 4, 2)
                results["virtuoso_sparql"] = run_load("127.0.0.1", v.http_port, sparql_requests(iris), a.clients, a.seconds)
                results["virtuoso_rss_mb"] = v.peak_rss_mb()
        finally:
            for _, srv in procs:
                srv.terminate()
                srv.wait(timeout=60)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    print_latency_table(results)
    if a.latency_only:
        return
    v = results["virtuoso_sparql"]
    print("\n| server | workload | requests/s | p50 ms | p99 ms | errors | peak RSS MB |")
    print("|---|---|---:|---:|---:|---:|---:|")
    row = lambda n, w, r, rss: print(f"| {n} | {w} | {r['throughput_rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} | {rss} |")
    for name, label in (("innograph_nocache", "innograph serve --no-cache"), ("innograph", "innograph serve")):
        row(label, "example queries + entity CONSTRUCTs", results[name + "_sparql"], f"{results[name + '_rss_mb']:.0f}")
        row(label, "HTML entity pages", results[name + "_pages"], "")
    row("Virtuoso 7.2", "the same SPARQL", v, f"{results['virtuoso_rss_mb']:.0f}")
    for name in ("innograph_nocache", "innograph"):
        print(f"throughput ratio {name}/Virtuoso on the same SPARQL: {results[name + '_sparql']['throughput_rps'] / v['throughput_rps']:.2f}")


if __name__ == "__main__":
    main()
