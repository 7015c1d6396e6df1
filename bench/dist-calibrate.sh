#!/usr/bin/env bash
# Calibration throughput of one process against W processes of one thread each on this machine
# (a distributed calibration, README.md "Distributed runs"): runs `basislab-cli calibrate --threads 1`
# alone, then as W ranks meeting through a FileStore, and prints tokens/s for each (the calibration's
# own time as rank 0 reports it, all ranks' all-reduces included; best of --repeats) and the
# wall time of the whole command (model loading and store writing included). The text is cut to the
# bytes the windows need, so that tokenizing it (every rank does, in full) does not dominate.
#
#   bench/dist-calibrate.sh [--cli build/bin/basislab-cli] [--model DIR] [--text FILE]
#                           [--windows 256] [--seq-len 256] [--dtype float32] [--world 2] [--repeats 3]
set -euo pipefail
cd "$(dirname "$0")/.."
cli=build/bin/basislab-cli
model=resources/demo/stories260k
text=resources/demo/text/wiki.test.raw
windows=256 seq_len=256 dtype=float32 world=2 repeats=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cli) cli=$2; shift 2 ;;
    --model) model=$2; shift 2 ;;
    --text) text=$2; shift 2 ;;
    --windows) windows=$2; shift 2 ;;
    --seq-len) seq_len=$2; shift 2 ;;
    --dtype) dtype=$2; shift 2 ;;
    --world) world=$2; shift 2 ;;
    --repeats) repeats=$2; shift 2 ;;
    *) echo "dist-calibrate: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -x "$cli" ]] || { echo "dist-calibrate: $cli is not built (cmake --build build --target basislab-cli)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Only the head of the text that the windows need (about 2 bytes per token for the demo's tokenizer,
# 3 kept): every rank tokenizes the whole text, which is not parallel work.
head -c $((windows * seq_len * 3)) "$text" > "$work/text.txt"
common=(calibrate --model "$model" --text "$work/text.txt" --windows "$windows" --seq-len "$seq_len" --dtype "$dtype"
        --threads 1 --quiet --json --out "$work/calib.h5")

tps() { python3 -c 'import json,sys; print(json.load(sys.stdin)["tokens_per_second"])'; }

# One run with `w` processes: prints "<tokens/s> <wall seconds>".
run() {
  local w=$1 start end tps_value
  start=$(date +%s.%N)
  if [[ $w -eq 1 ]]; then
    tps_value=$("$cli" "${common[@]}" | tps)
  else
    local pids=()
    for ((r = 1; r < w; r++)); do
      "$cli" "${common[@]}" --rank "$r" --world-size "$w" --store-file "$work/store" >/dev/null &
      pids+=($!)
    done
    tps_value=$("$cli" "${common[@]}" --rank 0 --world-size "$w" --store-file "$work/store" | tps)
    for p in "${pids[@]}"; do wait "$p"; done
  fi
  end=$(date +%s.%N)
  rm -f "$work/calib.h5" "$work/store"
  echo "$tps_value $(python3 -c "print($end - $start)")"
}

echo "calibration of $model: $windows windows x $seq_len tokens of $(basename "$text"), $dtype, 1 thread per process"
echo "nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %16s %14s\n' processes "tokens/s (best)" "wall s (best)"
base=""
for w in 1 "$world"; do
  best_tps=0 best_wall=1e9
  for ((i = 0; i < repeats; i++)); do
    read -r t s < <(run "$w")
    best_tps=$(python3 -c "print(max($best_tps, $t))")
    best_wall=$(python3 -c "print(min($best_wall, $s))")
  done
  [[ -z "$base" ]] && base=$best_tps
  printf '%-10s %16.0f %14.2f   speed-up %.2fx\n' "$w" "$best_tps" "$best_wall" "$(python3 -c "print($best_tps / $base)")"
done
