#!/usr/bin/env python3
"""Benchmark ingest, the projection file and push (issues 12 and 20).

For each size: writes a generated corpus (`bench corpus`), ingests it (time,
MB/s, peak RSS), times every analysis and `stats` as a user runs them (from the
projection file beside the store), re-ingests the unchanged corpus; with
--force also re-ingests it all (`ingest --force`); with --no-cache-too also
times each analysis with INNOGRAPH_NO_CACHE=1 (read from the store, as before
issue 12: minutes at 100 MB). Then, unless --no-push, pushes the last store to
a fresh Virtuoso and loads the same N-Quads shards with Virtuoso's own bulk
loader, in the same run. Peak RSS comes from GNU time (/usr/bin/time -f %M).

usage: tools/bench_store.py [--bin target/release/innograph] [--mb 20 100] [--force]
                            [--no-cache-too] [--no-push]
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import virtuoso  # noqa: E402

ANALYSES = [
    ("stats", ["stats"]),
    ("shared", ["analyze", "shared", "--format", "json"]),
    ("profile", ["analyze", "profile", "{division}", "--format", "json"]),
    ("similar", ["analyze", "similar", "{division}", "--format", "json"]),
    ("path", ["analyze", "path", "{division}", "{other}", "--format", "json"]),
    ("centrality", ["analyze", "centrality", "--format", "json"]),
    ("communities", ["analyze", "communities", "--format", "json"]),
]


def timed(cmd, env=None):
    """Seconds, peak RSS in MB and the finished process of one command."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".rss") as rss:
        t = time.time()
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *cmd],
                           capture_output=True, text=True, env=env)
        secs = time.time() - t
        if p.returncode != 0:
            sys.exit(f"{' '.join(cmd[:3])} failed: {p.stderr[-800:]}")
        kb = int(rss.read().split()[-1])
    return secs, kb / 1024, p


def size(mb, b, work, a):
    corpus, store = os.path.join(work, f"gen{mb}"), os.path.join(work, f"store{mb}")
    subprocess.run([b, "bench", "corpus", "--mb", str(mb), "--out", corpus], check=True, capture_output=True)
    ingest_s, ingest_mb, _ = timed([b, "ingest", "--store", store, corpus])
    row = {"mb": mb, "ingest_s": ingest_s, "ingest_mb_s": mb / ingest_s, "ingest_rss_mb": ingest_mb}
    top = json.loads(timed([b, "analyze", "centrality", "--class", "AdministrativeDivision", "--top", "2",
                            "--format", "json", "--store", store])[2].stdout)
    division, other = top[0]["iri"], top[-1]["iri"]
    for name, args in ANALYSES:
        args = [{"{division}": division, "{other}": other}.get(x, x) for x in args]
        secs, rss, _ = timed([b, *args, "--store", store])
        row[name] = {"s": secs, "rss_mb": rss}
        if a.no_cache_too:
            plain, _, _ = timed([b, *args, "--store", store], env={**os.environ, "INNOGRAPH_NO_CACHE": "1"})
            row[name]["store_s"] = plain
    again_s, _, p = timed([b, "ingest", "--store", store, corpus])
    row["reingest_unchanged_s"] = again_s
    row["reingest_line"] = p.stderr.strip().splitlines()[-1]
    if a.force:
        force_s, force_mb, _ = timed([b, "ingest", "--force", "--store", store, corpus])
        row["force_s"], row["force_rss_mb"] = force_s, force_mb
    return row


def push(mb, b, work):
    store = os.path.join(work, f"store{mb}")
    shards = os.path.join(work, "shards")
    split_s, _, _ = timed([b, "export", "--store", store, "--format", "nquads", "--split-mb", "64", "--out", shards])
    with virtuoso.Virtuoso(extra_dir=shards, memory_mb=2000) as v:
        push_s, _, p = timed([b, "push", "--store", store, "--endpoint", v.gsp_url, "--user", "dba", "--password", "dba"])
        quads = int(re.search(r"\((\d+) quads", p.stderr).group(1))
        again_s, _, _ = timed([b, "push", "--store", store, "--endpoint", v.gsp_url, "--user", "dba", "--password", "dba"])
    with virtuoso.Virtuoso(extra_dir=shards, memory_mb=2000) as v:
        load_s = v.load_nquads(shards)
    return {"mb": mb, "quads": quads, "push_s": push_s, "push_quads_s": quads / push_s,
            "push_again_s": again_s, "split_s": split_s, "virtuoso_bulk_load_s": load_s,
            "virtuoso_bulk_quads_s": quads / load_s}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="target/release/innograph")
    ap.add_argument("--mb", type=int, nargs="+", default=[20, 100])
    ap.add_argument("--force", action="store_true", help="also time `ingest --force` of each corpus")
    ap.add_argument("--no-cache-too", action="store_true", help="also time each analysis read from the store")
    ap.add_argument("--no-push", action="store_true")
    a = ap.parse_args()
    b = os.path.abspath(a.bin)
    results = []
    # a 500 MB run leaves ~10 GB of corpus and store here: removed however the run ends
    work = tempfile.mkdtemp(prefix="innograph-bench-store-")
    try:
        for mb in a.mb:
            results.append(size(mb, b, work, a))
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
        if not a.no_push and virtuoso.available():
            results.append(push(a.mb[-1], b, work))
            print(json.dumps(results[-1]), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n| corpus | ingest s | MB/s | ingest peak MB | " + " | ".join(f"{n} s (peak MB)" for n, _ in ANALYSES)
          + " | re-ingest unchanged s | `--force` s (peak MB) |")
    print("|---|---:|---:|---:|" + "---:|" * len(ANALYSES) + "---:|---:|")
    for r in results:
        if "ingest_s" not in r:
            continue
        cells = " | ".join(f"{r[n]['s']:.2f} ({r[n]['rss_mb']:.0f})" for n, _ in ANALYSES)
        force = f"{r['force_s']:.0f} ({r['force_rss_mb']:.0f})" if "force_s" in r else "–"
        print(f"| {r['mb']} MB | {r['ingest_s']:.1f} | {r['ingest_mb_s']:.2f} | {r['ingest_rss_mb']:.0f} | {cells} | "
              f"{r['reingest_unchanged_s']:.1f} | {force} |")


if __name__ == "__main__":
    main()
