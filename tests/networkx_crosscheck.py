"""Cross-checks innograph's analytics against networkx on the same graph.

Usage: networkx_crosscheck.py BIN STORE WORKDIR

Exports the store's graph as CSV, rebuilds it in networkx (relations read both
ways, weights summed per pair, as innograph's analyses read them), and
compares PageRank, betweenness, degree and eigenvector centrality (to 1e-6)
and community modularity (innograph's Leiden at least networkx's Louvain).
"""
import csv
import json
import subprocess
import sys

import networkx as nx

bin_, store, work = sys.argv[1:4]


def run(*args):
    out = subprocess.run([bin_, *args, "--store", store], check=True, capture_output=True, text=True)
    return out.stdout


run("export", "--format", "csv", "--out", f"{work}/g.csv")
iri = {}
G = nx.Graph()
with open(f"{work}/g.csv", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        iri[row["Id"]] = row["iri"]
        G.add_node(row["iri"])
with open(f"{work}/g-edges.csv", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        u, v, w = iri[row["Source"]], iri[row["Target"]], float(row["Weight"])
        if u == v:
            continue
        if G.has_edge(u, v):
            G[u][v]["weight"] += w
        else:
            G.add_edge(u, v, weight=w)
assert G.number_of_nodes() > 20 and G.number_of_edges() > 20, (G.number_of_nodes(), G.number_of_edges())

expected = {
    "pagerank": nx.pagerank(G, weight="weight"),
    "betweenness": nx.betweenness_centrality(G),
    "degree": nx.degree_centrality(G),
    "eigenvector": nx.eigenvector_centrality(G, weight="weight", max_iter=1000),
}
for metric, want in expected.items():
    got = {r["iri"]: r["score"] for r in json.loads(run("analyze", "centrality", "--metric", metric, "--top", "0", "--format", "json"))}
    assert set(got) == set(want), f"{metric}: node sets differ"
    worst = max(abs(got[k] - want[k]) for k in want)
    assert worst < 1e-6, f"{metric}: differs from networkx by {worst}"
    print(f"{metric}: {len(want)} nodes, max difference {worst:.2e}")

ours = json.loads(run("analyze", "communities", "--top", "0", "--format", "json"))
parts = [{m["iri"] for m in c["members"]} for c in ours["communities"]]
assert sorted(n for p in parts for n in p) == sorted(G.nodes), "communities do not partition the nodes"
q_ours = nx.community.modularity(G, parts, weight="weight")
assert abs(q_ours - ours["modularity"]) < 1e-9, (q_ours, ours["modularity"])
q_louvain = nx.community.modularity(G, nx.community.louvain_communities(G, weight="weight", seed=42), weight="weight")
assert q_ours >= q_louvain - 1e-9, f"leiden modularity {q_ours} below networkx louvain {q_louvain}"
print(f"communities: {len(parts)}, modularity {q_ours:.4f} (networkx louvain {q_louvain:.4f})")
