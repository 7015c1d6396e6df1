#!/usr/bin/env python3
"""Aggregates sweep_allocation_stories260k_seed*.csv (run_allocation.sh) into markdown tables.

usage: aggregate_allocation.py DIR
Cells: perplexity, geometric mean over the calibration seeds, with the smallest and largest in brackets.
"""
import csv
import glob
import math
import sys
from collections import defaultdict

folder = sys.argv[1]
runs = defaultdict(dict)  # (ratio, n, alpha, allocation) -> seed -> row
dense = None
for path in sorted(glob.glob(f"{folder}/sweep_allocation_stories260k_seed*.csv")):
    seed = path.rsplit("seed", 1)[1].split(".")[0]
    for row in csv.DictReader(open(path)):
        if row["method"] == "dense":
            dense = float(row["ppl"])
            continue
        runs[(row["ratio"], row["group_size"], row["alpha"], row["allocation"])][seed] = row
seeds = sorted({s for v in runs.values() for s in v})
ratios = ["0.2", "0.4", "0.6", "0.8"]
alphas = ["none", "inv-trace", "normalised", "normalised:fro", "normalised:max-eig"]


def gmean(rows):
    p = [float(r["ppl"]) for r in rows.values()]
    return math.exp(sum(math.log(x) for x in p) / len(p)), min(p), max(p)


def cell(rows):
    g, lo, hi = gmean(rows)
    return f"{g:.1f} [{lo:.1f}, {hi:.1f}]"


def keys():
    out = [("1", "-")]
    out += [(n, a) for n in ("2", "4") for a in alphas]
    return out


print(f"Perplexity on tinystories_sample.txt (windows of 128), geometric mean over calibration seeds "
      f"{', '.join(seeds)} [min, max]; dense model {dense:.2f}. Basis Sharing of q, k, v, gate, up; "
      "o and down private (n = 1). Both allocations store the same number of parameters "
      "(error: at most the uniform plan's; see the params column of the CSVs).\n")
print("| n | alpha | allocation | " + " | ".join(f"r = {r}" for r in ratios) + " |")
print("| --- | --- | --- | " + " | ".join("---:" for _ in ratios) + " |")
for n, a in keys():
    for alloc in ("uniform", "error"):
        cells = [cell(runs[(r, n, a, alloc)]) if (r, n, a, alloc) in runs else "--" for r in ratios]
        print(f"| {n} | {a} | {alloc} | " + " | ".join(cells) + " |")

print("\nParameters stored in the compressed matrices, uniform / error (seed 1; the same for every seed "
      "and alpha up to the knapsack's leftover):\n")
print("| n | " + " | ".join(f"r = {r}" for r in ratios) + " |")
print("| --- | " + " | ".join("---" for _ in ratios) + " |")
for n in ("1", "2", "4"):
    a = "-" if n == "1" else "none"
    cells = []
    for r in ratios:
        u, e = runs[(r, n, a, "uniform")][seeds[0]], runs[(r, n, a, "error")][seeds[0]]
        cells.append(f"{u['params']} / {e['params']}")
    print(f"| {n} | " + " | ".join(cells) + " |")

print("\nPaired change of perplexity from uniform to error allocation, ppl(error)/ppl(uniform) - 1, per seed "
      "(negative: the allocation helps):\n")
print("| n | alpha | " + " | ".join(f"r = {r}" for r in ratios) + " |")
print("| --- | --- | " + " | ".join("---" for _ in ratios) + " |")
wins = total = 0
for n, a in keys():
    cells = []
    for r in ratios:
        u, e = runs[(r, n, a, "uniform")], runs[(r, n, a, "error")]
        ch = [float(e[s]["ppl"]) / float(u[s]["ppl"]) - 1 for s in seeds]
        wins += sum(c < 0 for c in ch)
        total += len(ch)
        cells.append(" ".join(f"{100 * c:+.0f}%" for c in ch))
    print(f"| {n} | {a} | " + " | ".join(cells) + " |")
print(f"\nError allocation has the lower perplexity in {wins} of {total} paired runs.")

print("\nSummed squared relative whitened error (the allocation's objective), error allocation, seed 1:\n")
print("| n | alpha | " + " | ".join(f"r = {r}" for r in ratios) + " |")
print("| --- | --- | " + " | ".join("---" for _ in ratios) + " |")
for n, a in keys():
    cells = [f"{float(runs[(r, n, a, 'error')][seeds[0]]['allocation_objective']):.3f}" for r in ratios]
    print(f"| {n} | {a} | " + " | ".join(cells) + " |")

print("\nBest alpha form per ratio and group size (lowest geometric-mean perplexity), with each allocation:\n")
print("| n | allocation | " + " | ".join(f"r = {r}" for r in ratios) + " |")
print("| --- | --- | " + " | ".join("---" for _ in ratios) + " |")
for n in ("2", "4"):
    for alloc in ("uniform", "error"):
        cells = []
        for r in ratios:
            best = min(alphas, key=lambda a: gmean(runs[(r, n, a, alloc)])[0])
            cells.append(f"{best} ({gmean(runs[(r, n, best, alloc)])[0]:.1f})")
        print(f"| {n} | {alloc} | " + " | ".join(cells) + " |")
