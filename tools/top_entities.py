#!/usr/bin/env python3
"""The most mentioned entities per class in a store: the check that no frequent
entity is a sentence fragment (issue 3).

    python3 tools/top_entities.py --bin target/release/innograph --store kg [--top 20]
"""
import argparse
import collections
import csv
import io
import subprocess

QUERY = """
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ig: <https://w3id.org/innograph/ontology#>
SELECT ?class ?label ?mentions ?documents WHERE {
  { SELECT ?e (COUNT(DISTINCT ?m) AS ?mentions) (COUNT(DISTINCT ?g) AS ?documents)
    WHERE { GRAPH ?g { ?m itsrdf:taIdentRef ?e } } GROUP BY ?e }
  { SELECT ?e (SAMPLE(?c) AS ?class) (SAMPLE(?l) AS ?label)
    WHERE { ?e a ?c ; rdfs:label ?l . FILTER(STRSTARTS(STR(?c), STR(ig:))) } GROUP BY ?e }
}
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="target/release/innograph")
    ap.add_argument("--store", required=True)
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()
    out = subprocess.run(
        [args.bin, "query", "--store", args.store, "--format", "csv", QUERY],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    by_class = collections.defaultdict(list)
    for row in csv.DictReader(io.StringIO(out)):
        cls = row["class"].rsplit("#", 1)[-1]
        by_class[cls].append((int(row["mentions"]), int(row["documents"]), row["label"]))
    for cls in sorted(by_class):
        rows = sorted(by_class[cls], key=lambda r: (-r[0], -r[1], r[2]))[: args.top]
        items = ", ".join(f"{label} {m}/{d}" for m, d, label in rows)
        print(f"{cls} ({len(by_class[cls])}): {items}")


if __name__ == "__main__":
    main()
