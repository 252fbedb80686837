#!/usr/bin/env bash
# Runs every command of two innograph binaries on the same corpus and diffs
# their outputs: a restructuring must leave them byte-identical, except where a
# change is meant to alter them (say which in the commit).
#
# usage: tools/compare_outputs.sh BEFORE_BIN AFTER_BIN [CORPUS_DIR] [WORK_DIR]
#   CORPUS_DIR defaults to data/sample; try ../shared/corpus/dev, or a
#   generated corpus: `innograph bench corpus --out DIR --mb 20`.
# Exit status 0 when every output is identical, 1 otherwise (diffs printed).
set -uo pipefail
before=$(realpath "$1")
after=$(realpath "$2")
corpus=$(realpath "${3:-data/sample}")
work=${4:-$(mktemp -d)}
mkdir -p "$work"

run_all() {
  local bin=$1 out=$2
  local s="$out/store"
  mkdir -p "$out"
  # the summary line without its timing
  "$bin" ingest --store "$s" "$corpus" 2>&1 >/dev/null | sed -E -e 's/ in [0-9.]+ s\)/)/' -e 's/ into .*store;/ into the store;/' >"$out/ingest.txt"
  "$bin" stats --store "$s" >"$out/stats.txt" 2>&1
  "$bin" extract --format json "$corpus" >"$out/extract.json" 2>&1
  "$bin" query --store "$s" --format tsv \
    'SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o' >"$out/default-graph.tsv" 2>&1
  for f in json csv; do
    "$bin" analyze shared --store "$s" --format "$f" >"$out/shared.$f" 2>&1
    for m in pagerank betweenness degree eigenvector; do
      "$bin" analyze centrality --store "$s" --metric "$m" --format "$f" >"$out/centrality-$m.$f" 2>&1
    done
    "$bin" analyze communities --store "$s" --format "$f" >"$out/communities.$f" 2>&1
    "$bin" analyze targets --store "$s" --format "$f" >"$out/targets.$f" 2>&1
    "$bin" analyze trends --store "$s" --format "$f" >"$out/trends.$f" 2>&1
  done
  # the divisions the store knows best, for the per-division analyses
  "$bin" analyze centrality --store "$s" --class AdministrativeDivision --top 3 --format csv 2>/dev/null |
    tail -n +2 | cut -d, -f2 >"$out/divisions.txt"
  local n=0
  while read -r d; do
    n=$((n + 1))
    "$bin" analyze profile --store "$s" "$d" --format json >"$out/profile-$n.json" 2>&1
    "$bin" analyze similar --store "$s" "$d" --format json >"$out/similar-$n.json" 2>&1
  done <"$out/divisions.txt"
  # a picture of the graph, and the series of the measure stated in most years
  "$bin" render --store "$s" --out "$out/graph.svg" >/dev/null 2>&1
  local div measure
  IFS=, read -r _ div measure < <(awk -F, 'NR > 1 { n[$1 "," $3]++ } END { for (k in n) print n[k] "," k }' "$out/targets.csv" | sort -t, -k1,1nr -k2 | head -1)
  if [ -n "${measure:-}" ]; then
    "$bin" render --store "$s" --series --division "$div" --measure "$measure" --out "$out/series.svg" 2>&1 | sed "s|$out|OUT|" >"$out/series.txt"
  fi
  "$bin" export --store "$s" --format gexf --out "$out/graph.gexf" >/dev/null 2>&1
  "$bin" export --store "$s" --format graphml --out "$out/graph.graphml" >/dev/null 2>&1
  "$bin" export --store "$s" --format nquads --out "$out/store.nq" >/dev/null 2>&1
  rm -rf "$s"
}

run_all "$before" "$work/before"
run_all "$after" "$work/after"
if diff -r "$work/before" "$work/after" >"$work/diff.txt"; then
  echo "identical: $(ls "$work/after" | wc -l) outputs on $corpus"
else
  cat "$work/diff.txt" | head -100
  echo "DIFFERENT: see $work/diff.txt"
  exit 1
fi
