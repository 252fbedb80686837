"""A real Virtuoso 7 against innograph (called by tests/virtuoso.rs).

usage: virtuoso_push.py BIN STORE DOC_FOLDER
Starts Virtuoso on loopback in a temporary folder (tools/virtuoso.py), pushes the
store, compares quad counts per graph, pushes again (nothing sent), changes one
document and pushes (one graph sent), compares `analyze shared --endpoint` with
the local answer, and checks that a wrong password gets one clear line.
"""
import json, os, re, subprocess, sys, urllib.parse, urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import virtuoso  # noqa: E402

binary, store, docs = sys.argv[1:4]


def run(*args, ok=True):
    p = subprocess.run([binary, *args], capture_output=True, text=True)
    if ok and p.returncode != 0:
        sys.exit(f"{' '.join(args[:2])} failed: {p.stderr}")
    return p


def sent(p):
    m = re.search(r"pushed (\d+) graphs \((\d+) quads", p.stderr)
    assert m, p.stderr
    return int(m.group(1)), int(m.group(2))


def counts_local():
    out = run("query", "--store", store, "--format", "json",
              "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").stdout
    rows = json.loads(out)["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows if not r["g"]["value"].endswith("/meta")}


def counts_remote(v, graphs):
    out = {}
    for g in graphs:
        q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }" % g
        req = urllib.request.Request(v.sparql_url, data=urllib.parse.urlencode({"query": q}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
        out[g] = int(json.loads(urllib.request.urlopen(req).read())["results"]["bindings"][0]["n"]["value"])
    return out


with virtuoso.Virtuoso() as v:
    auth = ["--user", "dba", "--password", "dba"]
    n, quads = sent(run("push", "--store", store, "--endpoint", v.gsp_url, *auth))
    local = counts_local()
    assert n == len(local), (n, len(local))
    assert quads == sum(local.values()), (quads, sum(local.values()))
    remote = counts_remote(v, local)
    assert remote == local, {g: (local[g], remote.get(g)) for g in local if remote.get(g) != local[g]}
    print("push ok", n, "graphs", quads, "quads; counts per graph equal")
    assert sent(run("push", "--store", store, "--endpoint", v.gsp_url, *auth)) == (0, 0)
    print("second push ok: nothing sent")
    # one document changed and ingested again: one graph sent
    path = os.path.join(docs, sorted(f for f in os.listdir(docs) if f.endswith(".txt"))[0])
    with open(path, "a", encoding="utf-8") as f:
        f.write("\n推动凤鸣科学城建设。\n")
    run("ingest", "--store", store, docs)
    n, _ = sent(run("push", "--store", store, "--endpoint", v.gsp_url, *auth))
    assert n == 1, n
    assert counts_remote(v, counts_local()) == counts_local()
    print("changed push ok: 1 graph sent")
    a = json.loads(run("analyze", "shared", "--store", store, "--format", "json").stdout)
    b = json.loads(run("analyze", "shared", "--endpoint", v.sparql_url, "--format", "json").stdout)
    assert a == b, (a, b)
    c = json.loads(run("analyze", "centrality", "--top", "0", "--store", store, "--format", "json").stdout)
    d = json.loads(run("analyze", "centrality", "--top", "0", "--endpoint", v.sparql_url, "--format", "json").stdout)
    assert [x["iri"] for x in c] == [x["iri"] for x in d]
    assert all(abs(x["score"] - y["score"]) < 1e-12 for x, y in zip(c, d))
    print("endpoint analyses ok:", len(a), "shared")
    p = run("push", "--store", store, "--endpoint", v.gsp_url, "--user", "dba", "--password", "wrong", "--all", ok=False)
    assert p.returncode != 0
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and "401" in lines[0] and "refused" in lines[0], p.stderr
    print("wrong password ok:", lines[0])
