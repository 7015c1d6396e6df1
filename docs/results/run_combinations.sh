#!/usr/bin/env bash
# Reproduces the update x allocation sweeps (issue 11; docs/results/combinations.md). Run from the
# repository root after building basislab-cli. Same calibrations and evaluation as run_updates.sh
# (64 windows x 128 tokens of TinyStories-valid.txt, shuffle seeds 1-3; tinystories_sample.txt,
# windows of 128): basis-sharing n = 1, 2, 4, alpha none, r = 0.2 .. 0.8, every update,
# allocations uniform and error (all eight combinations at the same parameter count).
set -euo pipefail
cli=${CLI:-build/bin/basislab-cli}
model=resources/demo/stories260k
text=resources/demo/text
out=docs/results
work=${WORK:-/tmp/basislab-combinations}
mkdir -p "$work"
for seed in ${SEEDS:-1 2 3}; do
  (
    "$cli" calibrate --model "$model" --text "$text/TinyStories-valid.txt" --windows 64 --seq-len 128 \
      --shuffle-seed "$seed" --threads 1 --out "$work/calib_seed$seed.h5" --quiet
    "$cli" sweep --model "$model" --calib "$work/calib_seed$seed.h5" \
      --methods basis-sharing --ratios 0.2,0.4,0.6,0.8 --group-sizes 1,2,4 --alphas none \
      --updates none,refit,deviated,compensate --allocations uniform,error --threads 1 \
      --eval-text "$text/tinystories_sample.txt" --window 128 \
      --out "$out/combinations_stories260k_seed$seed.csv" --quiet
  ) &
done
wait
