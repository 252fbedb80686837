"""Real SPARQL clients against a running `innograph serve` (called by tests/serve.rs).

usage: serve_clients.py URL   (URL = http://127.0.0.1:PORT)
Prints one "… ok" line per client; exits non-zero on the first failure.
"""
import sys

url = sys.argv[1].rstrip("/")
endpoint = url + "/sparql"
PROGRAMS = """PREFIX ig: <https://w3id.org/innograph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?d ?p WHERE { ?x ig:runsProgram ?y . ?x rdfs:label ?d . ?y rdfs:label ?p }"""

# SPARQLWrapper, JSON results, GET and POST
from SPARQLWrapper import SPARQLWrapper, JSON, POST
sw = SPARQLWrapper(endpoint)
sw.setQuery(PROGRAMS)
sw.setReturnFormat(JSON)
rows = sw.query().convert()["results"]["bindings"]
assert len(rows) >= 3, rows
sw.setMethod(POST)
assert len(sw.query().convert()["results"]["bindings"]) == len(rows)
print("sparqlwrapper ok", len(rows))

# rdflib's SPARQLStore: a SELECT through rdflib's own client (XML results)
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
store = SPARQLStore(endpoint)
g = rdflib.Graph(store=store)
got = list(g.query(PROGRAMS))
assert len(got) == len(rows), (len(got), len(rows))
print("rdflib store ok", len(got))

# a CONSTRUCT parsed by rdflib (Turtle)
sw = SPARQLWrapper(endpoint)
sw.setQuery("PREFIX ig: <https://w3id.org/innograph/ontology#> CONSTRUCT { ?x ig:runsProgram ?y } WHERE { ?x ig:runsProgram ?y }")
sw.setReturnFormat("turtle")
data = sw.query().convert()
cg = rdflib.Graph()
cg.parse(data=data, format="turtle")
assert len(cg) >= 3, len(cg)
print("rdflib construct ok", len(cg))

# federation: pyoxigraph runs a SERVICE query against the server
import pyoxigraph
local = pyoxigraph.Store()
q = "SELECT (COUNT(*) AS ?n) WHERE { SERVICE <%s> { %s } }" % (
    endpoint,
    "?x <https://w3id.org/innograph/ontology#runsProgram> ?y",
)
n = int(next(iter(local.query(q)))["n"].value)
assert n >= 3, n
print("pyoxigraph service ok", n)
