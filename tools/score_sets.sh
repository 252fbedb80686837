#!/usr/bin/env sh
# Scores a binary on the dev sets of ../shared, each apart:
#   gold + gold-2026 (13 dev documents), district (16 tuned on), and with HELDOUT=1 the district texts
#   held back (8, eval/district-heldout.txt: scored only at the end, never while tuning).
# usage: tools/score_sets.sh [BIN] [-v]
set -eu
cd "$(dirname "$0")/.."
bin="${1:-target/release/innograph}"
v="${2:-}"
shared=../shared/eval
held=$(grep -v '^#' eval/district-heldout.txt)
tuned=""; back=""
for f in "$shared"/gold-district/*.json; do
  stem=$(basename "$f" .json)
  if echo "$held" | grep -qx "$stem"; then back="$back $f"; else tuned="$tuned $f"; fi
done
out=${SCORE_OUT:-/tmp/innograph-sets}
mkdir -p "$out"
python3 "$shared/score.py" --bin "$bin" $v "$shared"/gold/*.json "$shared"/gold-2026/*.json > "$out/dev.txt"
python3 "$shared/score.py" --bin "$bin" $v $tuned > "$out/district.txt"
if [ -n "${HELDOUT:-}" ]; then python3 "$shared/score.py" --bin "$bin" $v $back > "$out/heldout.txt"; fi
for s in dev district ${HELDOUT:+heldout}; do printf '%-9s %s\n' "$s" "$(tail -1 "$out/$s.txt" | sed 's/summary: //')"; done
