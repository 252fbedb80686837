"""Ingest speed: innograph on a generated corpus and on ../shared/corpus/reports,
side by side with jieba (cut, posseg.cut) on the same text and pyoxigraph's
bulk load of innograph's own N-Quads export.

Usage: python3 tools/bench_ingest.py [--bin target/release/innograph] [--mb 500] [--jieba-mb 5]

jieba runs on the first --jieba-mb MB of the generated corpus (posseg on a fifth
of that): at well under 1 MB/s, the whole corpus would take hours. Ratios are of
throughputs (MB/s, quads/s). Prints a Markdown table.
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import tempfile
import time

p = argparse.ArgumentParser()
p.add_argument("--bin", default="target/release/innograph")
p.add_argument("--mb", type=int, default=500)
p.add_argument("--jieba-mb", type=float, default=5)
p.add_argument("--reports", default="../shared/corpus/reports")
p.add_argument("--work", default=None, help="folder for the corpus and stores (default: a temporary one)")
a = p.parse_args()

work = a.work or tempfile.mkdtemp(prefix="innograph-bench-")
os.makedirs(work, exist_ok=True)
corpus = os.path.join(work, "corpus")
if not os.path.isdir(corpus):
    subprocess.run([a.bin, "bench", "corpus", "--mb", str(a.mb), "--out", corpus], check=True)


def bench(store, *paths, extra=()):
    shutil.rmtree(store, ignore_errors=True)
    out = subprocess.run([a.bin, "bench", "ingest", "--store", store, *extra, *paths], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


gen = bench(os.path.join(work, "store-gen"), corpus)
rep = None
if os.path.isdir(a.reports):
    txt = sorted(glob.glob(os.path.join(a.reports, "*.txt")))
    rep = bench(os.path.join(work, "store-reports"), *txt)

# jieba on the same generated text
import jieba
import jieba.posseg

text, size = [], 0
for f in sorted(glob.glob(os.path.join(corpus, "*.txt"))):
    t = open(f, encoding="utf-8").read()
    text.append(t)
    size += len(t.encode("utf-8"))
    if size >= a.jieba_mb * 1e6:
        break
text = "".join(text)
jieba.initialize()
t0 = time.perf_counter(); jieba.lcut(text); cut = time.perf_counter() - t0
part = text[: len(text) // 5]
t0 = time.perf_counter(); list(jieba.posseg.cut(part)); pos = time.perf_counter() - t0
cut_mbs = len(text.encode("utf-8")) / 1e6 / cut
pos_mbs = len(part.encode("utf-8")) / 1e6 / pos

# pyoxigraph bulk load of innograph's own export of the generated store
import pyoxigraph

nq = os.path.join(work, "gen.nq")
subprocess.run([a.bin, "export", "--store", os.path.join(work, "store-gen"), "--format", "nquads", "--out", nq], check=True)
oxstore = os.path.join(work, "pyoxigraph-store")
shutil.rmtree(oxstore, ignore_errors=True)
s = pyoxigraph.Store(oxstore)
t0 = time.perf_counter()
s.bulk_load(path=nq, format=pyoxigraph.RdfFormat.N_QUADS)
load = time.perf_counter() - t0
quads = len(s)
del s

print(f"generated corpus: {gen['files']} files, {gen['mb']:.0f} MB; {gen['threads']} threads")
print()
print("| run | MB | extract MB/s | store MB/s | + compaction: ingest MB/s | quads | quads/s stored | quads/s end to end | peak RSS MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, r in [("generated corpus", gen), ("../shared/corpus/reports (*.txt)", rep)]:
    if r:
        print(f"| {name} | {r['mb']:.1f} | {r['extract_mb_s']:.1f} | {r['mb']/r['store_s']:.2f} | {r['ingest_mb_s']:.2f} | {r['quads']} | {r['quads']/r['store_s']:.0f} | {r['quads_s']:.0f} | {r['peak_rss_mb']:.0f} |")
print()
print("| comparison (same text / same quads) | throughput | innograph ÷ it |")
print("|---|---:|---:|")
print(f"| jieba.lcut ({len(text.encode('utf-8'))/1e6:.1f} MB) | {cut_mbs:.2f} MB/s | extraction {gen['extract_mb_s']/cut_mbs:.1f}× |")
print(f"| jieba.posseg.cut ({len(part.encode('utf-8'))/1e6:.1f} MB) | {pos_mbs:.2f} MB/s | extraction {gen['extract_mb_s']/pos_mbs:.1f}× |")
print(f"| pyoxigraph bulk_load of the N-Quads export ({quads} quads, not compacted) | {quads/load:.0f} quads/s | read+extract+store {gen['quads']/gen['store_s']/(quads/load):.2f}×, with compaction {gen['quads_s']/(quads/load):.2f}× |")
