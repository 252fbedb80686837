#!/usr/bin/env python3
"""Benchmark the projection cache, incremental ingest and push (issue 12).

For each size: writes a generated corpus (`bench corpus`), ingests it, times every
analysis and `stats` from the cache beside the store and from the store itself
(INNOGRAPH_NO_CACHE=1, what every call cost before), re-ingests the unchanged
corpus; then, on the last size, pushes the store to a fresh Virtuoso and loads
the same N-Quads shards with Virtuoso's own bulk loader, in the same run.

usage: tools/bench_store.py [--bin target/release/innograph] [--mb 20 100] [--no-push]
"""
import argparse, json, os, re, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import virtuoso  # noqa: E402

ANALYSES = [
    ("stats", ["stats"]),
    ("analyze shared", ["analyze", "shared", "--format", "json"]),
    ("analyze centrality", ["analyze", "centrality", "--format", "json"]),
    ("analyze communities", ["analyze", "communities", "--format", "json"]),
    ("analyze profile", ["analyze", "profile", "{division}", "--format", "json"]),
]


def timed(cmd, env=None):
    t = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd[:3])} failed: {p.stderr[-800:]}")
    return time.time() - t, p


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="target/release/innograph")
    ap.add_argument("--mb", type=int, nargs="+", default=[20, 100])
    ap.add_argument("--no-push", action="store_true")
    a = ap.parse_args()
    b = os.path.abspath(a.bin)
    results = []
    work = tempfile.mkdtemp(prefix="innograph-bench-store-")
    for mb in a.mb:
        corpus, store = os.path.join(work, f"gen{mb}"), os.path.join(work, f"store{mb}")
        subprocess.run([b, "bench", "corpus", "--mb", str(mb), "--out", corpus], check=True, capture_output=True)
        ingest_s, _ = timed([b, "ingest", "--store", store, corpus])
        row = {"mb": mb, "ingest_s": ingest_s}
        top = json.loads(timed([b, "analyze", "centrality", "--class", "AdministrativeDivision", "--top", "1",
                                "--format", "json", "--store", store])[1].stdout)
        division = top[0]["iri"]
        for name, args in ANALYSES:
            args = [division if x == "{division}" else x for x in args]
            cached, _ = timed([b, *args, "--store", store])
            plain, _ = timed([b, *args, "--store", store], env={**os.environ, "INNOGRAPH_NO_CACHE": "1"})
            row[name] = {"cache_s": cached, "store_s": plain, "share_of_ingest": cached / ingest_s}
        again_s, p = timed([b, "ingest", "--store", store, corpus])
        row["reingest_unchanged_s"] = again_s
        row["reingest_line"] = p.stderr.strip().splitlines()[-1]
        results.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    if not a.no_push and virtuoso.available():
        mb = a.mb[-1]
        store = os.path.join(work, f"store{mb}")
        shards = os.path.join(work, "shards")
        split_s, _ = timed([b, "export", "--store", store, "--format", "nquads", "--split-mb", "64", "--out", shards])
        with virtuoso.Virtuoso(extra_dir=shards, memory_mb=2000) as v:
            push_s, p = timed([b, "push", "--store", store, "--endpoint", v.gsp_url, "--user", "dba", "--password", "dba"])
            quads = int(re.search(r"\((\d+) quads", p.stderr).group(1))
            again_s, _ = timed([b, "push", "--store", store, "--endpoint", v.gsp_url, "--user", "dba", "--password", "dba"])
        with virtuoso.Virtuoso(extra_dir=shards, memory_mb=2000) as v:
            load_s = v.load_nquads(shards)
        push = {"mb": mb, "quads": quads, "push_s": push_s, "push_quads_s": quads / push_s,
                "push_again_s": again_s, "split_s": split_s, "virtuoso_bulk_load_s": load_s,
                "virtuoso_bulk_quads_s": quads / load_s}
        print(json.dumps(push), flush=True)
        results.append(push)
    print("\n| corpus | ingest s | " + " | ".join(f"{n} (cache / store) s" for n, _ in ANALYSES) + " | re-ingest unchanged s |")
    print("|---|---:|" + "---:|" * len(ANALYSES) + "---:|")
    for r in results:
        if "ingest_s" not in r:
            continue
        cells = " | ".join(f"{r[n]['cache_s']:.2f} / {r[n]['store_s']:.1f}" for n, _ in ANALYSES)
        print(f"| {r['mb']} MB | {r['ingest_s']:.1f} | {cells} | {r['reingest_unchanged_s']:.1f} |")


if __name__ == "__main__":
    main()
