"""A store against what a Virtuoso holds after `push`, quad by quad (for
tests/virtuoso_push.py and tests/virtuoso_endpoint.py).

The Virtuoso side is read over its SPARQL endpoint, one graph at a time; a graph
larger than the endpoint returns at once (it says so in an X-SPARQL-MaxRows
header) is read in pieces by a hash of each quad, until no piece is cut.
"""
import json, signal, subprocess, urllib.parse, urllib.request
from collections import Counter

import pyoxigraph as ox

BOOKKEEPING = "https://w3id.org/innograph/meta"


def bounded(seconds):
    """Ends the test after `seconds` (or on SIGTERM) with an exception, so that
    the `with Virtuoso()` around it still stops the server."""
    def stop(signum, _frame):
        raise TimeoutError(f"the test took more than {seconds} s" if signum == signal.SIGALRM else "terminated")
    signal.signal(signal.SIGALRM, stop)
    signal.signal(signal.SIGTERM, stop)
    signal.alarm(seconds)


class Binary:
    def __init__(self, path):
        self.path = path

    def run(self, *args, ok=True):
        p = subprocess.run([self.path, *args], capture_output=True, text=True, timeout=300)
        if ok and p.returncode != 0:
            raise AssertionError(f"innograph {' '.join(args[:2])} failed: {p.stderr}")
        return p

    def json(self, *args):
        return json.loads(self.run(*args).stdout)


def select(url, query):
    """The bindings of a SELECT, and whether the server says it cut them."""
    req = urllib.request.Request(url, data=urllib.parse.urlencode({"query": query}).encode(),
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        capped = r.headers.get("X-SPARQL-MaxRows") is not None
        return json.loads(r.read())["results"]["bindings"], capped


def term(b):
    """A SPARQL JSON binding in N-Triples."""
    if b["type"] == "uri":
        return str(ox.NamedNode(b["value"]))
    if b["type"] == "bnode":
        return "_:" + b["value"]
    if "xml:lang" in b:
        return str(ox.Literal(b["value"], language=b["xml:lang"]))
    return str(ox.Literal(b["value"], datatype=ox.NamedNode(b["datatype"]) if "datatype" in b else None))


def remote_graph(url, g, prefix=""):
    """The quads Virtuoso holds in graph `g` (those whose hash starts with `prefix`)."""
    where = f"GRAPH <{g}> {{ ?s ?p ?o }}"
    if prefix:
        where += f' FILTER(STRSTARTS(MD5(CONCAT(STR(?s), " ", STR(?p), " ", STR(?o))), "{prefix}"))'
    rows, capped = select(url, f"SELECT ?s ?p ?o WHERE {{ {where} }}")
    if not capped:
        return Counter((term(r["s"]), term(r["p"]), term(r["o"])) for r in rows)
    assert len(prefix) < 8, f"graph {g}: more quads share a hash prefix than the endpoint returns"
    out = Counter()
    for d in "0123456789abcdef":
        out += remote_graph(url, g, prefix + d)
    return out


def local_graphs(binary, store, nq):
    """The quads of each graph of the store's N-Quads export (which leaves out
    the bookkeeping graph, as push does)."""
    binary.run("export", "--store", store, "--format", "nquads", "--out", nq)
    out = {}
    for q in ox.parse(path=nq, format=ox.RdfFormat.N_QUADS):
        out.setdefault(q.graph_name.value, Counter())[(str(q.subject), str(q.predicate), str(q.object))] += 1
    return out


def stats_quads(binary, store):
    """The quads `innograph stats` counts: every named graph's, the bookkeeping graph's too."""
    line = next(l for l in binary.run("stats", "--store", store).stdout.splitlines() if l.startswith("quads"))
    return int(line.split()[1])


def bookkeeping_quads(binary, store):
    out = binary.json("query", "--store", store, "--format", "json",
                      f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{BOOKKEEPING}> {{ ?s ?p ?o }} }}")
    return int(out["results"]["bindings"][0]["n"]["value"])


def compare(binary, store, url, nq):
    """Checks that Virtuoso holds exactly the store's graphs; returns the quads."""
    local = local_graphs(binary, store, nq)
    differences = []
    remote_total = 0
    for g, quads in sorted(local.items()):
        remote = remote_graph(url, g)
        remote_total += sum(remote.values())
        if remote != quads:
            only_local, only_remote = quads - remote, remote - quads
            differences.append(f"{g}: only in the store {sorted(only_local)[:3]}, only in Virtuoso {sorted(only_remote)[:3]}")
    assert not differences, "Virtuoso does not hold the store's quads:\n" + "\n".join(differences)
    # The count a user compares: `stats` against Virtuoso. They differ by the
    # bookkeeping graph alone (the store's generation, one quad), which push
    # does not send; no literal is folded by Virtuoso (every quad above is in
    # both, term for term) and none is lost.
    counted, kept = stats_quads(binary, store), bookkeeping_quads(binary, store)
    assert remote_total == counted - kept, (
        f"Virtuoso holds {remote_total} quads, the store {counted} of which {kept} in the bookkeeping "
        f"graph <{BOOKKEEPING}> that push leaves out: {counted - kept - remote_total} quads unexplained")
    return remote_total, counted, kept
