"""`push` to a real Virtuoso 7 (called by tests/virtuoso.rs).

usage: virtuoso_push.py BIN STORE DOC_FOLDER
Starts Virtuoso on loopback in a temporary folder (tools/virtuoso.py), pushes the
store and checks that Virtuoso holds its quads exactly, pushes again (nothing
sent), changes one document and pushes (one graph sent), compares analyses over
the endpoint with the local answer, and checks that a wrong password fails the
push with one clear line, with nothing to send as with everything.
"""
import os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
sys.path.insert(0, HERE)
import virtuoso  # noqa: E402
from virtuoso_compare import Binary, bounded, compare  # noqa: E402

binary, store, docs = Binary(sys.argv[1]), sys.argv[2], sys.argv[3]
bounded(240)


def sent(p):
    m = re.search(r"pushed (\d+) graphs \((\d+) quads", p.stderr)
    assert m, p.stderr
    return int(m.group(1)), int(m.group(2))


def refused(p, what):
    assert p.returncode != 0, f"{what}: push exited 0: {p.stderr}"
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and "401" in lines[0] and "refused" in lines[0], p.stderr
    return lines[0]


with virtuoso.Virtuoso() as v:
    auth = ["--user", "dba", "--password", "dba"]
    nq = os.path.join(v.dir, "store.nq")
    n, quads = sent(binary.run("push", "--store", store, "--endpoint", v.gsp_url, *auth))
    held, counted, kept = compare(binary, store, v.sparql_url, nq)
    assert quads == held, (quads, held)
    print("push ok", n, "graphs", quads, f"quads; Virtuoso holds them all (stats counts {counted}, {kept} of them bookkeeping)")
    assert sent(binary.run("push", "--store", store, "--endpoint", v.gsp_url, *auth)) == (0, 0)
    print("second push ok: nothing sent")
    # a wrong password is refused when nothing changed, as when everything is sent
    line = refused(binary.run("push", "--store", store, "--endpoint", v.gsp_url,
                              "--user", "dba", "--password", "wrong", ok=False), "nothing to send")
    refused(binary.run("push", "--store", store, "--endpoint", v.gsp_url,
                       "--user", "dba", "--password", "wrong", "--all", ok=False), "--all")
    refused(binary.run("push", "--store", store, "--endpoint", v.gsp_url, ok=False), "no credentials")
    print("wrong password ok:", line)
    # one document changed and ingested again: one graph sent
    path = os.path.join(docs, sorted(f for f in os.listdir(docs) if f.endswith(".txt"))[0])
    with open(path, "a", encoding="utf-8") as f:
        f.write("\n推动凤鸣科学城建设。\n")
    binary.run("ingest", "--store", store, docs)
    n, _ = sent(binary.run("push", "--store", store, "--endpoint", v.gsp_url, *auth))
    assert n == 1, n
    compare(binary, store, v.sparql_url, nq)
    print("changed push ok: 1 graph sent")
    a = binary.json("analyze", "shared", "--store", store, "--format", "json")
    b = binary.json("analyze", "shared", "--endpoint", v.sparql_url, "--format", "json")
    assert a == b, (a, b)
    c = binary.json("analyze", "centrality", "--top", "0", "--store", store, "--format", "json")
    d = binary.json("analyze", "centrality", "--top", "0", "--endpoint", v.sparql_url, "--format", "json")
    assert [x["iri"] for x in c] == [x["iri"] for x in d]
    assert all(abs(x["score"] - y["score"]) < 1e-12 for x, y in zip(c, d))
    print("endpoint analyses ok:", len(a), "shared")
