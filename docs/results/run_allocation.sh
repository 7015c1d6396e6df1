#!/usr/bin/env bash
# Issue 11, part 2: uniform vs error rank allocation on stories260k (docs/results/allocation.md).
# Run from the repository root after building basislab-cli. The calibrations are those of
# run_sweeps.sh (64 windows x 128 tokens of TinyStories-valid.txt, shuffle seeds 1, 2, 3, no Fisher);
# evaluation: tinystories_sample.txt, windows of 128.
set -euo pipefail
cli=build/bin/basislab-cli
model=resources/demo/stories260k
text=resources/demo/text
out=docs/results
work=${WORK:-/tmp/basislab-allocation}
mkdir -p "$work"
for seed in 1 2 3; do
  "$cli" calibrate --model "$model" --text "$text/TinyStories-valid.txt" --windows 64 --seq-len 128 \
    --shuffle-seed "$seed" --out "$work/calib_seed$seed.h5" --quiet
  "$cli" sweep --model "$model" --calib "$work/calib_seed$seed.h5" \
    --methods basis-sharing --ratios 0.2,0.4,0.6,0.8 --group-sizes 1,2,4 \
    --alphas none,inv-trace,normalised,normalised:fro,normalised:max-eig --allocations uniform,error \
    --eval-text "$text/tinystories_sample.txt" --window 128 \
    --out "$out/sweep_allocation_stories260k_seed$seed.csv" --quiet
done
python3 "$out/aggregate_allocation.py" "$out" > "$out/allocation_tables.md"
