"""Graph analytics side by side: innograph, networkx and python-igraph on the
same generated graph, same machine, same run.

Usage: python3 tools/bench_graph.py [--bin target/release/innograph] [--nodes 200000] [--edges 1000000] [--sources 100]

innograph generates the graph (`bench graph --out`), times its own PageRank,
sampled betweenness and Leiden, and writes the edge list; networkx and igraph
then load that list (load time not counted) and run the same three analyses:
PageRank with weights, betweenness from the same evenly spread sources, and
Louvain (networkx) / multilevel and Leiden (igraph) maximising modularity.
Prints a Markdown table.
"""
import argparse
import json
import subprocess
import tempfile
import time

p = argparse.ArgumentParser()
p.add_argument("--bin", default="target/release/innograph")
p.add_argument("--nodes", type=int, default=200_000)
p.add_argument("--edges", type=int, default=1_000_000)
p.add_argument("--sources", type=int, default=50)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--skip-networkx-louvain", action="store_true")
a = p.parse_args()

rows = []
with tempfile.TemporaryDirectory() as tmp:
    edges_path = f"{tmp}/edges.tsv"
    out = subprocess.run(
        [a.bin, "bench", "graph", "--nodes", str(a.nodes), "--edges", str(a.edges), "--sources", str(a.sources),
         "--seed", str(a.seed), "--out", edges_path],
        check=True, capture_output=True, text=True).stdout
    ours = json.loads(out)
    rows.append(("innograph (Rust, %d threads)" % ours["threads"], ours["pagerank_s"], ours["betweenness_s"],
                 ours["communities_s"], ours["modularity"], "Leiden"))
    edges = []
    with open(edges_path) as f:
        for line in f:
            u, v, w = line.split("\t")
            edges.append((int(u), int(v), float(w)))
    n = a.nodes
    sources = [i * n // a.sources for i in range(a.sources)]

    import networkx as nx
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_weighted_edges_from(edges)
    t = time.perf_counter(); nx.pagerank(G, weight="weight"); pr = time.perf_counter() - t
    # networkx samples sources at random with k=; its internal function takes them given
    from networkx.algorithms.centrality.betweenness import _single_source_shortest_path_basic, _accumulate_basic
    t = time.perf_counter()
    bc = dict.fromkeys(G, 0.0)
    for s in sources:
        S, P, sigma, _ = _single_source_shortest_path_basic(G, s)
        bc, _ = _accumulate_basic(bc, S, P, sigma, s)
    bt = time.perf_counter() - t
    if a.skip_networkx_louvain:
        lv, q = float("nan"), float("nan")
    else:
        t = time.perf_counter()
        parts = nx.community.louvain_communities(G, weight="weight", seed=a.seed)
        lv = time.perf_counter() - t
        q = nx.community.modularity(G, parts, weight="weight")
    rows.append((f"networkx {nx.__version__}", pr, bt, lv, q, "Louvain"))
    del G

    import igraph as ig
    H = ig.Graph(n=n, edges=[(u, v) for u, v, _ in edges])
    H.es["weight"] = [w for _, _, w in edges]
    t = time.perf_counter(); H.pagerank(weights="weight"); pr = time.perf_counter() - t
    t = time.perf_counter(); H.betweenness(sources=sources, directed=False); bt = time.perf_counter() - t
    t = time.perf_counter(); c = H.community_multilevel(weights="weight"); ml = time.perf_counter() - t
    rows.append((f"igraph {ig.__version__}", pr, bt, ml, c.modularity, "multilevel (Louvain)"))
    t = time.perf_counter(); c = H.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1); ld = time.perf_counter() - t
    rows.append((f"igraph {ig.__version__}", float("nan"), float("nan"), ld, H.modularity(c.membership, weights="weight"), "Leiden"))

print(f"graph: {ours['nodes']} nodes, {ours['edges']} edges (generated, seed {a.seed}); betweenness from {a.sources} sources")
print()
print("| tool | PageRank s | betweenness s | communities s | modularity | method |")
print("|---|---:|---:|---:|---:|---|")
for name, pr, bt, cm, q, method in rows:
    f = lambda x: "–" if x != x else f"{x:.3f}"
    print(f"| {name} | {f(pr)} | {f(bt)} | {f(cm)} | {'–' if q != q else f'{q:.4f}'} | {method} |")
