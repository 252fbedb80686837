#!/usr/bin/env python3
"""Scores innograph's mentions as a named-entity recogniser on CLUENER 2020.

The held-out lines of the train split (line index % 7 == 0, never trained on)
are written as JSON Lines, read through `innograph extract --format json` (the
whole extraction: dictionaries, tagger, rules), and the mentions folded to
person / place / organisation:

    gold   name → PER; company, government, organization → ORG; address → LOC
    ours   Person → PER; AdministrativeDivision, DevelopmentZone, Country, Region → LOC;
           Agency, Institution (University, ResearchInstitute), Enterprise,
           FinancialInstitution (Bank) → ORG; other classes are no names of these kinds

Prints exact-span and overlap precision, recall and F1 per kind and over all
(overlap: a mention of the same kind that overlaps a gold name, one to one).

usage: eval_ner.py [--bin target/release/innograph] [--cluener FILE] [--no-tagger]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

GOLD_KINDS = {"name": "PER", "company": "ORG", "government": "ORG", "organization": "ORG",
              "address": "LOC"}
OUR_KINDS = {"Person": "PER", "AdministrativeDivision": "LOC", "DevelopmentZone": "LOC",
             "Country": "LOC", "Region": "LOC", "Agency": "ORG", "Institution": "ORG",
             "University": "ORG", "ResearchInstitute": "ORG", "Enterprise": "ORG",
             "FinancialInstitution": "ORG", "Bank": "ORG"}
KINDS = ["PER", "LOC", "ORG"]


def held_out(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 7 != 0 or not line.strip():
                continue
            d = json.loads(line)
            spans = set()
            for kind, names in d.get("label", {}).items():
                k = GOLD_KINDS.get(kind)
                if not k:
                    continue
                for _, places in names.items():
                    for s, e in places:
                        spans.add((s, e + 1, k))
            out.append((d["text"], spans))
    return out


def predicted(binary, texts, no_tagger):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "cluener-held-out.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n")
        cmd = [binary, "extract", "--format", "json", path] + (["--no-tagger"] if no_tagger else [])
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"eval_ner.py: {' '.join(cmd)} failed: {p.stderr[-500:]}")
    docs = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    by_id = {}
    for d in docs:
        spans = set()
        for m in d["mentions"]:
            k = OUR_KINDS.get(m["class"] or "")
            if k:
                spans.add((m["begin"], m["end"], k))
        by_id[d["id"].rsplit("#", 1)[-1]] = spans
    return [by_id.get(str(i), set()) for i in range(len(texts))]


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold, pred, kinds, overlap):
    tp = fp = fn = 0
    for g, p in zip(gold, pred):
        g = [x for x in g if x[2] in kinds]
        p = [x for x in p if x[2] in kinds]
        if overlap:
            used = set()
            hit = 0
            for ps, pe, pk in sorted(p):
                for j, (gs, ge, gk) in enumerate(sorted(g)):
                    if j not in used and gk == pk and ps < ge and gs < pe:
                        used.add(j)
                        hit += 1
                        break
            tp += hit
            fp += len(p) - hit
            fn += len(g) - hit
        else:
            gs, ps = set(g), set(p)
            tp += len(gs & ps)
            fp += len(ps - gs)
            fn += len(gs - ps)
    return prf(tp, fp, fn), (tp, fp, fn)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/innograph")
    ap.add_argument("--cluener", default="../shared/corpus/news/cluener2020-train.jsonl")
    ap.add_argument("--no-tagger", action="store_true")
    a = ap.parse_args()
    rows = held_out(a.cluener)
    gold = [g for _, g in rows]
    pred = predicted(a.bin, [t for t, _ in rows], a.no_tagger)
    print(f"CLUENER 2020 train, held-out lines (i % 7 == 0): {len(rows)} sentences")
    print(f"{'kind':5s} {'gold':>5s}  {'exact P / R / F1':22s} {'overlap P / R / F1':22s}")
    for k in KINDS + ["all"]:
        kinds = KINDS if k == "all" else [k]
        (ep, er, ef), _ = score(gold, pred, kinds, False)
        (op, orr, of), _ = score(gold, pred, kinds, True)
        n = sum(1 for g in gold for x in g if x[2] in kinds)
        print(f"{k:5s} {n:5d}  {ep:.3f} / {er:.3f} / {ef:.3f}    {op:.3f} / {orr:.3f} / {of:.3f}")


if __name__ == "__main__":
    main()
