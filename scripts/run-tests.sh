#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite (README command 2).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBASISLAB_WARNINGS_AS_ERRORS=ON \
  -DBASISLAB_BUILD_GUI=ON -DBASISLAB_BUILD_TESTS=ON
cmake --build build -j "$(nproc)"
QT_QPA_PLATFORM=offscreen ctest --test-dir build --output-on-failure -j "$(nproc)"
