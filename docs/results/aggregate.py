#!/usr/bin/env python3
"""Aggregates the per-seed sweep CSVs of this folder into the markdown tables of README.md.

usage: aggregate.py DIR   (reads DIR/sweep_stories260k_seed*.csv and DIR/sweep_alpha_stories260k_seed*.csv)
Cells: perplexity, mean over the calibration seeds, with the smallest and largest in brackets.
"""
import csv
import glob
import math
import sys
from collections import defaultdict

folder = sys.argv[1]


def load(pattern):
    runs = defaultdict(dict)  # key -> seed -> row
    for path in sorted(glob.glob(f"{folder}/{pattern}")):
        seed = path.rsplit("seed", 1)[1].split(".")[0]
        for row in csv.DictReader(open(path)):
            key = (row["method"], row["ratio"], row["group_size"], row["alpha"], row["shared"], row["refit"])
            runs[key][seed] = row
    return runs


def cell(rows):
    p = [float(r["ppl"]) for r in rows.values()]
    g = math.exp(sum(math.log(x) for x in p) / len(p))
    return f"{g:.1f} [{min(p):.1f}, {max(p):.1f}]"


ratios = ["0.2", "0.4", "0.6", "0.8"]
qkvgu = "q+k+v+gate+up"
allseven = "q+k+v+o+gate+up+down"

# --- issue 4 ---------------------------------------------------------------------------------
runs = load("sweep_stories260k_seed*.csv")
seeds = sorted({s for v in runs.values() for s in v})
dense = next(v for k, v in runs.items() if k[0] == "dense")
print(f"Perplexity on tinystories_sample.txt (windows of 128), geometric mean over calibration seeds "
      f"{', '.join(seeds)} [min, max]; dense model {float(dense[seeds[0]]['ppl']):.2f}. "
      "Last column: the achieved ratio over the compressed matrices at r = 0.2 / 0.4 / 0.6 / 0.8.\n")
print("| method | n | alpha | " + " | ".join(f"r = {r}" for r in ratios) + " | achieved |")
print("| --- | --- | --- | " + " | ".join("---:" for _ in ratios) + " | --- |")
rows = [("svd", "-", "-", "-"), ("asvd", "-", "-", "-"), ("fwsvd", "-", "-", "-"), ("svd-llm", "-", "-", "-"),
        ("basis-sharing", "1", "-", "-")]
rows += [("basis-sharing", n, a, qkvgu) for n in ("2", "4") for a in ("none", "inv-trace")]
for m, n, a, s in rows:
    cells, achieved = [], []
    for r in ratios:
        k = (m, r, n, a, s, "0")
        cells.append(cell(runs[k]) if k in runs else "--")
        achieved.append(f"{float(runs[k][seeds[0]]['achieved_ratio']):.3f}" if k in runs else "--")
    print(f"| {m} | {n} | {a} | " + " | ".join(cells) + " | " + " / ".join(achieved) + " |")

# Paired effect of inv-trace over none, per seed: ppl(inv-trace) / ppl(none) - 1.
print("\nPaired change of perplexity from alpha none to inv-trace, ppl(inv-trace)/ppl(none) - 1 per seed "
      "(negative: calibration helps):\n")
print("| n | " + " | ".join(f"r = {r}" for r in ratios) + " |")
print("| --- | " + " | ".join("---" for _ in ratios) + " |")
for n in ("2", "4"):
    out = []
    for r in ratios:
        a = runs[("basis-sharing", r, n, "inv-trace", qkvgu, "0")]
        b = runs[("basis-sharing", r, n, "none", qkvgu, "0")]
        out.append(" ".join(f"{float(a[s]['ppl']) / float(b[s]['ppl']) - 1:+.1%}" for s in seeds))
    print(f"| {n} | " + " | ".join(out) + " |")

# --- issue 6 ---------------------------------------------------------------------------------
runs = load("sweep_alpha_stories260k_seed*.csv")
alphas = ["none", "inv-trace", "normalised", "inv-output"]
print(f"\nAlpha forms (issue 6): perplexity, geometric mean over seeds {', '.join(seeds)} [min, max]; "
      "best mean per column in bold.\n")
print("| shared | n | alpha | " + " | ".join(f"r = {r}" for r in ratios) + " |")
print("| --- | --- | --- | " + " | ".join("---:" for _ in ratios) + " |")
wins = defaultdict(int)
mean_rank = defaultdict(list)
for s in (qkvgu, allseven):
    for n in ("2", "4"):
        best = {}
        for r in ratios:
            means = {a: math.exp(sum(math.log(float(x["ppl"])) for x in runs[("basis-sharing", r, n, a, s, "0")].values())
                                 / len(seeds)) for a in alphas}
            best[r] = min(means, key=means.get)
            for seed in seeds:
                p = {a: float(runs[("basis-sharing", r, n, a, s, "0")][seed]["ppl"]) for a in alphas}
                order = sorted(alphas, key=p.get)
                wins[order[0]] += 1
                for i, a in enumerate(order):
                    mean_rank[a].append(i + 1)
        for a in alphas:
            cells = []
            for r in ratios:
                c = cell(runs[("basis-sharing", r, n, a, s, "0")])
                cells.append(f"**{c}**" if best[r] == a else c)
            label = "q,k,v,gate,up" if s == qkvgu else "all seven"
            print(f"| {label} | {n} | {a} | " + " | ".join(cells) + " |")
total = sum(wins.values())
print(f"\nOver all {total} (shared set, n, r, seed) cells: lowest perplexity "
      + ", ".join(f"{a} {wins[a]}" for a in alphas) + "; mean rank (1 = best of 4) "
      + ", ".join(f"{a} {sum(mean_rank[a]) / len(mean_rank[a]):.2f}" for a in alphas) + ".")

# Sharing o and down: all seven vs q,k,v,gate,up at the same n and alpha (the ratios differ).
print("\nSharing all seven types vs q,k,v,gate,up (same n, same alpha), ppl(all seven)/ppl(qkvgu) - 1, "
      "geometric mean over seeds; achieved ratios in brackets (all seven / qkvgu):\n")
print("| n | alpha | " + " | ".join(f"r = {r}" for r in ratios) + " |")
print("| --- | --- | " + " | ".join("---" for _ in ratios) + " |")
for n in ("2", "4"):
    for a in alphas:
        out = []
        for r in ratios:
            x = runs[("basis-sharing", r, n, a, allseven, "0")]
            y = runs[("basis-sharing", r, n, a, qkvgu, "0")]
            ratio = math.exp(sum(math.log(float(x[s]["ppl"]) / float(y[s]["ppl"])) for s in seeds) / len(seeds))
            out.append(f"{ratio - 1:+.0%} ({float(x[seeds[0]]['achieved_ratio']):.3f} / "
                       f"{float(y[seeds[0]]['achieved_ratio']):.3f})")
        print(f"| {n} | {a} | " + " | ".join(out) + " |")
