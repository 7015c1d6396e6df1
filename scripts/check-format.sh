#!/usr/bin/env bash
# Fails when clang-format would change any C++ file of the project (run by the `format` test).
# With --fix, formats the files in place instead.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=(--dry-run --Werror)
[ "${1:-}" = "--fix" ] && mode=(-i)
files=$(find core app widgets tests bench -name '*.cpp' -o -name '*.h' | sort)
clang-format "${mode[@]}" $files
echo "check-format: $(echo "$files" | wc -l) files checked"
