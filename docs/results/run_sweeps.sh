#!/usr/bin/env bash
# Reproduces the stories260k sweeps in this folder (see README.md here). Run from the repository
# root after building (cmake -S . -B build -G Ninja && ninja -C build).
#   calibration: 64 windows x 128 tokens of TinyStories-valid.txt (of its 122), three shuffle seeds, with
#                Fisher diagonals (for fwsvd); evaluation: tinystories_sample.txt, windows of 128.
set -euo pipefail
cli=build/bin/basislab-cli
model=resources/demo/stories260k
text=resources/demo/text
out=docs/results
work=${WORK:-/tmp/basislab-sweeps}
mkdir -p "$work"
for seed in 1 2 3; do
  "$cli" calibrate --model "$model" --text "$text/TinyStories-valid.txt" --windows 64 --seq-len 128 \
    --shuffle-seed "$seed" --fisher --out "$work/calib_seed$seed.h5" --quiet
  # Issue 4: every method, group sizes 1/2/4, alpha none/inv-trace.
  "$cli" sweep --model "$model" --calib "$work/calib_seed$seed.h5" \
    --methods svd,asvd,fwsvd,svd-llm,basis-sharing --ratios 0.2,0.4,0.6,0.8 --group-sizes 1,2,4 \
    --alphas none,inv-trace --eval-text "$text/tinystories_sample.txt" --window 128 \
    --out "$out/sweep_stories260k_seed$seed.csv" --latex "$out/sweep_stories260k_seed$seed.tex" --quiet
  # Issue 6: alpha none/inv-trace/normalised/inv-output, n = 2 and 4, sharing q,k,v,gate,up or all seven.
  "$cli" sweep --model "$model" --calib "$work/calib_seed$seed.h5" \
    --methods basis-sharing --ratios 0.2,0.4,0.6,0.8 --group-sizes 2,4 \
    --alphas none,inv-trace,normalised,inv-output --share-sets q,k,v,gate,up/q,k,v,o,gate,up,down \
    --eval-text "$text/tinystories_sample.txt" --window 128 \
    --out "$out/sweep_alpha_stories260k_seed$seed.csv" --latex "$out/sweep_alpha_stories260k_seed$seed.tex" --quiet
done
python3 "$out/aggregate.py" "$out" > "$out/tables.md"
