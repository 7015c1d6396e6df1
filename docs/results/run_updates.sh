#!/usr/bin/env bash
# Reproduces the update sweeps (issue 11, part 1; docs/results/updates.md). Run from the repository
# root after building basislab-cli.
#   calibration: 64 windows x 128 tokens of TinyStories-valid.txt, three shuffle seeds (as run_sweeps.sh);
#   evaluation: tinystories_sample.txt, windows of 128.
#   updates_stories260k_seedS.csv:       basis-sharing n = 1 (= svd-llm), 2, 4, alpha none, r = 0.2 .. 0.8,
#                                        every update (none, refit, deviated, compensate);
#   updates_alpha_stories260k_seedS.csv: n = 2 and 4, alpha none/inv-trace/normalised/inv-output, with the
#                                        updates none, deviated and compensate.
# SEEDS="1" runs one seed (the three ran as three parallel processes, one torch thread each);
# ALPHA_ONLY=1 runs only the second sweep, on the calibrations already in $WORK.
set -euo pipefail
cli=${CLI:-build/bin/basislab-cli}
model=resources/demo/stories260k
text=resources/demo/text
out=docs/results
work=${WORK:-/tmp/basislab-updates}
mkdir -p "$work"
for seed in ${SEEDS:-1 2 3}; do
  [ -n "${ALPHA_ONLY:-}" ] || "$cli" calibrate --model "$model" --text "$text/TinyStories-valid.txt" --windows 64 --seq-len 128 \
    --shuffle-seed "$seed" --threads 1 --out "$work/calib_seed$seed.h5" --quiet
  [ -n "${ALPHA_ONLY:-}" ] || "$cli" sweep --model "$model" --calib "$work/calib_seed$seed.h5" \
    --methods basis-sharing --ratios 0.2,0.4,0.6,0.8 --group-sizes 1,2,4 --alphas none \
    --updates none,refit,deviated,compensate --threads 1 --eval-text "$text/tinystories_sample.txt" --window 128 \
    --out "$out/updates_stories260k_seed$seed.csv" --quiet
  "$cli" sweep --model "$model" --calib "$work/calib_seed$seed.h5" \
    --methods basis-sharing --ratios 0.2,0.4,0.6,0.8 --group-sizes 2,4 \
    --alphas none,inv-trace,normalised,inv-output --updates none,deviated,compensate --threads 1 \
    --eval-text "$text/tinystories_sample.txt" --window 128 \
    --out "$out/updates_alpha_stories260k_seed$seed.csv" --quiet
done
if [ -z "${NO_AGGREGATE:-}" ]; then python3 "$out/aggregate_updates.py" "$out" > "$out/updates_tables.md"; fi
