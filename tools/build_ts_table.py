"""Builds data/traditional_simplified.tsv: one-to-one traditional → simplified
characters, from OpenCC's TSCharacters.txt (Apache-2.0), as shipped in the PyPI
package opencc-python-reimplemented 0.1.7 (opencc/dictionary/TSCharacters.txt).

Usage: python3 tools/build_ts_table.py PATH/TO/TSCharacters.txt > data/traditional_simplified.tsv

Kept: rows with a single candidate, both sides one character, the two different.
Rows with several candidates (乾 → 乾/干, 著 → 著/着) are ambiguous and left out:
mapping them would corrupt names that use the character as it is.
"""
import sys

rows = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 2:
            continue
        trad, cands = parts[0], parts[1].split(" ")
        if len(cands) != 1 or len(trad) != 1 or len(cands[0]) != 1 or trad == cands[0]:
            continue
        rows.append((trad, cands[0]))
print("# one-to-one traditional to simplified characters; built by tools/build_ts_table.py; do not edit by hand")
print("traditional\tsimplified\tsource")
for t, s in sorted(rows):
    print(f"{t}\t{s}\tOpenCC TSCharacters.txt (Apache-2.0), PyPI opencc-python-reimplemented 0.1.7")
