#!/usr/bin/env python3
"""Checks the output of ../shared/eval/score.py against thresholds (exit 1 when missed).

usage: check_scores.py SCORE.txt [--entities F] [--links F] [--part-of F] [--indicators F]
                       [--shared F] [--per-class F] [--metadata F]
Metadata must be all right unless --metadata gives the share of fields that must be; --per-class checks every class's F1 summed over documents.
"""
import argparse, re, sys

ap = argparse.ArgumentParser()
ap.add_argument("score")
for k in ("entities", "links", "part-of", "indicators", "shared", "per-class", "metadata"):
    ap.add_argument("--" + k, type=float)
a = ap.parse_args()
text = open(a.score, encoding="utf-8").read()
line = [l for l in text.splitlines() if l.startswith("summary:")][-1]
vals = dict(re.findall(r"(\w+)=([\d./na]+)", line))
bad = []
for key, name in (("entities", "entities_f1"), ("links", "links_f1"), ("part_of", "part_of_f1"),
                  ("indicators", "indicators_f1"), ("shared", "shared_f1")):
    need = getattr(a, key)
    if need is not None and float(vals.get(name, 0) if vals.get(name) != "n/a" else 1) < need:
        bad.append(f"{name}={vals.get(name)} < {need}")
ok, total = vals["metadata"].split("/")
if (a.metadata is None and ok != total) or (a.metadata is not None and int(ok) < a.metadata * int(total)):
    bad.append(f"metadata {ok}/{total}")
if a.per_class is not None:
    per = {}
    for cls, tp, fp, fn in re.findall(r"^   (\w+)\s+P=.*\(tp=(\d+) fp=(\d+) fn=(\d+)\)", text, re.M):
        t = per.setdefault(cls, [0, 0, 0])
        t[0] += int(tp); t[1] += int(fp); t[2] += int(fn)
    for cls, (tp, fp, fn) in sorted(per.items()):
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        print(f"  class {cls:22s} F1={f1:.3f}")
        if f1 < a.per_class:
            bad.append(f"{cls} F1={f1:.3f} < {a.per_class}")
if bad:
    sys.exit("score thresholds missed: " + ", ".join(bad))
print("score thresholds met: " + line)
