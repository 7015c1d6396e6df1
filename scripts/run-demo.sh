#!/usr/bin/env bash
# Installs what is missing, builds BasisLab and runs the main job on the bundled demo model
# (README command 1).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j "$(nproc)"
model=resources/demo/stories260k
text=resources/demo/text
cli=build/bin/basislab-cli
$cli info --model "$model"
$cli generate --model "$model" --prompt "Once upon a time" --max-tokens 64
$cli eval --model "$model" --text "$text/TinyStories-valid.txt" --window 256
