"""Analyses over the SPARQL endpoint of a real Virtuoso 7 holding the 27
provincial government work reports, against the local answers (called by
tests/virtuoso.rs).

usage: virtuoso_endpoint.py BIN STORE

Virtuoso caps what one request answers: ResultSetMaxRows rows (10,000 in
Debian's virtuoso.ini; beyond it the answer is cut, with an X-SPARQL-MaxRows
header) and OFFSET + LIMIT of an ordered query (MaxSortedTopRows, 10,000;
beyond it the query is refused with SR353). The queries that read the reports'
graph return 700 to 7,000 rows, under the defaults, so this Virtuoso runs with
both caps at 1,000: every large query of the analyses has to come back in
pieces, as they would from a store ten times larger under the defaults.
"""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
sys.path.insert(0, HERE)
import virtuoso  # noqa: E402
from virtuoso_compare import Binary, bounded, compare, select  # noqa: E402

CAP = 1000
binary, store = Binary(sys.argv[1]), sys.argv[2]
bounded(300)

IG = "PREFIX ig: <https://w3id.org/innograph/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
# the largest query the analyses send (entities with their classes and labels)
ENTITIES = IG + "SELECT DISTINCT ?e ?type ?label WHERE { GRAPH ?g { ?e a ?type ; rdfs:label ?label } } ORDER BY ?e ?type ?label"

with virtuoso.Virtuoso(max_rows=CAP, sorted_top=CAP) as v:
    binary.run("push", "--store", store, "--endpoint", v.gsp_url, "--user", "dba", "--password", "dba")
    held, counted, kept = compare(binary, store, v.sparql_url, os.path.join(v.dir, "store.nq"))
    print(f"push ok: Virtuoso holds the {held} quads of the store's graphs, stats counts {counted} "
          f"({kept} in the bookkeeping graph push leaves out)")

    # the caps hold: the query is larger than one answer, a sorted second page is refused
    local = binary.json("query", "--store", store, "--format", "json", ENTITIES)["results"]["bindings"]
    assert len(local) > 3 * CAP, len(local)
    rows, capped = select(v.sparql_url, ENTITIES)
    assert capped and len(rows) == CAP, (capped, len(rows))
    try:
        select(v.sparql_url, ENTITIES + f" LIMIT {CAP} OFFSET {CAP}")
        raise AssertionError("Virtuoso answered a sorted page past MaxSortedTopRows")
    except OSError as e:  # urllib's HTTPError
        assert "500" in str(e), e
    print(f"caps ok: {len(local)} rows of entities, {CAP} per answer, a second sorted page refused")

    analyses = [
        ["shared"],
        ["centrality", "--top", "0"],
        ["communities"],
        ["similar", "北京市"],
        ["profile", "四川省"],
        ["path", "北京市", "上海市"],
        ["targets"],
        ["series", "--division", "四川省", "--measure", "地区生产总值"],
    ]
    for a in analyses:
        here = binary.json("analyze", *a, "--store", store, "--format", "json")
        there = binary.json("analyze", *a, "--endpoint", v.sparql_url, "--format", "json")
        assert here, f"analyze {' '.join(a)}: an empty answer proves nothing"
        assert here == there, f"analyze {' '.join(a)}: the endpoint's answer differs from the local one"
        print(f"analyze {' '.join(a)} ok: {len(here)} items, the same over the endpoint")
    print("endpoint analyses ok")
