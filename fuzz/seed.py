"""Writes seed inputs for the read_extract target into fuzz/corpus/read_extract:
slices of the sample corpus (and ../shared/corpus/dev when present), each
prefixed with the byte that picks its reader (0 text, 1 HTML, 2 JSON Lines)."""
import glob
import os

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = os.path.join(root, "fuzz/corpus/read_extract")
os.makedirs(out, exist_ok=True)
files = sorted(glob.glob(os.path.join(root, "data/sample/*"))) + sorted(glob.glob(os.path.join(root, "../shared/corpus/dev/*")))
i = 0
for f in files:
    b = open(f, "rb").read()
    fmt = 2 if f.endswith(".jsonl") else (1 if f.endswith((".html", ".htm")) else 0)
    for start in range(0, min(len(b), 24000), 3000):
        with open(os.path.join(out, f"seed{i:03}"), "wb") as w:
            w.write(bytes([fmt]) + b[start:start + 3000])
        i += 1
with open(os.path.join(out, "big5"), "wb") as w:
    w.write(b"\x00" + "臺灣科技產業發展，清華大學".encode("big5"))
print(f"{i + 1} seeds in {out}")
