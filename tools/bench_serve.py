#!/usr/bin/env python3
"""Benchmark `innograph serve` side by side with Virtuoso 7 on the same data.

Builds a store of ../shared/corpus/reports (or --corpus), exports it as N-Quads,
loads that into a fresh Virtuoso (Debian's virtuoso-opensource-7), then runs the
same workload against both with 64 concurrent clients: the page's example
queries and entity descriptions over SPARQL (identical text for both servers),
and, for innograph, its HTML entity pages. Prints throughput, p50/p99 latency,
errors and each server's peak RSS as JSON and as a Markdown table.

usage: tools/bench_serve.py [--bin target/release/innograph] [--clients 64] [--seconds 20]
"""
import argparse, http.client, json, os, random, statistics, subprocess, sys, tempfile, threading, time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import virtuoso  # noqa: E402

P = """PREFIX ig: <https://w3id.org/innograph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
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
    ap.add_argument("--corpus", default="../shared/corpus/reports")
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--entities", type=int, default=20)
    a = ap.parse_args()
    if not virtuoso.available():
        sys.exit("bench_serve.py: Virtuoso is not installed (apt-get install virtuoso-opensource-7)")
    work = tempfile.mkdtemp(prefix="innograph-bench-serve-")
    store, nq = os.path.join(work, "store"), os.path.join(work, "nq")
    os.makedirs(nq)
    files = [os.path.join(a.corpus, f) for f in sorted(os.listdir(a.corpus)) if f.endswith(".txt")]
    subprocess.run([a.bin, "ingest", "--store", store, *files], check=True, capture_output=True)
    jsonl = os.path.join(a.corpus, "government_work_reports.jsonl")
    if os.path.exists(jsonl):
        subprocess.run([a.bin, "ingest", "--store", store, "--text-field", "content", jsonl], check=True, capture_output=True)
    subprocess.run([a.bin, "export", "--store", store, "--format", "nquads", "--out", os.path.join(nq, "all.nq")], check=True)
    quads = sum(1 for _ in open(os.path.join(nq, "all.nq"), encoding="utf-8"))
    # the most central entities, whose pages analysts open first
    out = subprocess.run([a.bin, "analyze", "centrality", "--store", store, "--top", str(a.entities), "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    iris = [r["iri"] for r in json.loads(out)]
    results = {"quads": quads, "clients": a.clients, "seconds": a.seconds}
    pages = [(i.replace("https://w3id.org/innograph", ""), {"Accept": "text/html"}) for i in iris]
    # without the answer cache (every request evaluated), then with it (the default)
    for name, flags in (("innograph_nocache", ["--no-cache"]), ("innograph", [])):
        port = free_port()
        srv = subprocess.Popen([a.bin, "serve", "--store", store, "--bind", f"127.0.0.1:{port}", "--timeout", "120", *flags],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        srv.stdout.readline()
        try:
            run_load("127.0.0.1", port, sparql_requests(iris), 4, 2)  # warm up
            results[name + "_sparql"] = run_load("127.0.0.1", port, sparql_requests(iris), a.clients, a.seconds)
            results[name + "_pages"] = run_load("127.0.0.1", port, pages, a.clients, a.seconds)
            results[name + "_rss_mb"] = rss_mb(srv.pid)
        finally:
            srv.terminate()
            srv.wait(timeout=60)
    with virtuoso.Virtuoso(extra_dir=nq) as v:
        results["virtuoso_load_s"] = v.load_nquads(nq)
        run_load("127.0.0.1", v.http_port, sparql_requests(iris), 4, 2)
        results["virtuoso_sparql"] = run_load("127.0.0.1", v.http_port, sparql_requests(iris), a.clients, a.seconds)
        results["virtuoso_rss_mb"] = v.peak_rss_mb()
    print(json.dumps(results, indent=2))
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
