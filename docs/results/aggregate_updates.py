#!/usr/bin/env python3
"""Tables of the update sweeps (run_updates.sh): perplexity per (n, update) and ratio, geometric mean
over the calibration seeds [min, max]; paired effects; the alpha forms with the update on."""
import csv
import glob
import math
import os
import sys
from collections import defaultdict

folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__)
RATIOS = ["0.2", "0.4", "0.6", "0.8"]
UPDATES = ["none", "refit", "deviated", "compensate"]


def load(pattern):
    rows = []
    for path in sorted(glob.glob(os.path.join(folder, pattern))):
        seed = path.rsplit("seed", 1)[1].split(".")[0]
        with open(path) as f:
            for r in csv.DictReader(f):
                r["seed"] = seed
                rows.append(r)
    return rows


def gmean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def cell(xs):
    return "%.1f [%.1f, %.1f]" % (gmean(xs), min(xs), max(xs)) if xs else "--"


main = load("updates_stories260k_seed*.csv")
alpha = load("updates_alpha_stories260k_seed*.csv")
seeds = sorted({r["seed"] for r in main})
dense = [float(r["ppl"]) for r in main if r["method"] == "dense"]
runs = [r for r in main if r["method"] != "dense"]
ppl = defaultdict(list)
out_err = defaultdict(list)
achieved = {}
for r in runs:
    key = (r["group_size"], r["update"], r["ratio"])
    ppl[key].append(float(r["ppl"]))
    if r["mean_output_error_after"]:
        out_err[key].append((float(r["mean_output_error_before"]), float(r["mean_output_error_after"])))
    achieved[(r["group_size"], r["ratio"])] = float(r["achieved_ratio"])

print("Perplexity on tinystories_sample.txt (windows of 128), geometric mean over calibration seeds %s "
      "[min, max]; dense model %.2f. Basis Sharing with alpha none; n = 1 is SVD-LLM. Last column: the "
      "achieved ratio over the compressed matrices at r = 0.2 / 0.4 / 0.6 / 0.8 (the same for every update).\n"
      % (", ".join(seeds), dense[0] if dense else float("nan")))
print("| n | update | r = 0.2 | r = 0.4 | r = 0.6 | r = 0.8 | achieved |")
print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
for n in ["1", "2", "4"]:
    best = {r: min(gmean(ppl[(n, u, r)]) for u in UPDATES if ppl[(n, u, r)]) for r in RATIOS}
    for u in UPDATES:
        cells = []
        for r in RATIOS:
            c = cell(ppl[(n, u, r)])
            if ppl[(n, u, r)] and gmean(ppl[(n, u, r)]) == best[r]:
                c = "**" + c + "**"
            cells.append(c)
        ach = " / ".join("%.3f" % achieved.get((n, r), float("nan")) for r in RATIOS)
        print("| %s | %s | %s | %s |" % (n + (" (svd-llm)" if n == "1" else ""), u, " | ".join(cells), ach))

print("\nPaired change of perplexity against no update, ppl(update)/ppl(none) - 1 per seed:\n")
print("| n | update | r = 0.2 | r = 0.4 | r = 0.6 | r = 0.8 |")
print("| --- | --- | --- | --- | --- | --- |")
by_seed = {(r["group_size"], r["update"], r["ratio"], r["seed"]): float(r["ppl"]) for r in runs}
for n in ["1", "2", "4"]:
    for u in UPDATES[1:]:
        cells = []
        for r in RATIOS:
            cells.append(" ".join("%+.0f%%" % (100 * (by_seed[(n, u, r, s)] / by_seed[(n, "none", r, s)] - 1))
                                  for s in seeds if (n, u, r, s) in by_seed and (n, "none", r, s) in by_seed))
        print("| %s | %s | %s |" % (n, u, " | ".join(cells)))

print("\nMean output error ||XW - X'BC||^2 / ||XW||^2 over all compressed layers (mean over seeds), with the "
      "factorization's coefficients on the deviated inputs (before) and after the update:\n")
print("| n | update | r = 0.2 | r = 0.4 | r = 0.6 | r = 0.8 |")
print("| --- | --- | --- | --- | --- | --- |")
for n in ["1", "2", "4"]:
    for u in ["deviated", "compensate"]:
        cells = []
        for r in RATIOS:
            e = out_err[(n, u, r)]
            cells.append("%.3f -> %.3f" % (sum(b for b, _ in e) / len(e), sum(a for _, a in e) / len(e)) if e else "--")
        print("| %s | %s | %s |" % (n, u, " | ".join(cells)))

if alpha:
    a_runs = [r for r in alpha if r["method"] != "dense"]
    forms = ["none", "inv-trace", "normalised", "inv-output"]
    ap = defaultdict(list)
    for r in a_runs:
        ap[(r["update"], r["group_size"], r["alpha"], r["ratio"])].append(float(r["ppl"]))
    print("\nAlpha forms with and without the update: perplexity, geometric mean over seeds [min, max]; best "
          "alpha per (update, n, r) in bold.\n")
    print("| update | n | alpha | r = 0.2 | r = 0.4 | r = 0.6 | r = 0.8 |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    wins = defaultdict(lambda: defaultdict(int))
    ranks = defaultdict(lambda: defaultdict(list))
    kinds = [u for u in ["none", "deviated", "compensate"] if any(r["update"] == u for r in a_runs)]
    for u in kinds:
        for n in ["2", "4"]:
            best = {}
            for r in RATIOS:
                vals = {a: gmean(ap[(u, n, a, r)]) for a in forms if ap[(u, n, a, r)]}
                if vals:
                    best[r] = min(vals.values())
            for a in forms:
                cells = []
                for r in RATIOS:
                    xs = ap[(u, n, a, r)]
                    c = cell(xs)
                    if xs and gmean(xs) == best.get(r):
                        c = "**" + c + "**"
                    cells.append(c)
                print("| %s | %s | %s | %s |" % (u, n, a, " | ".join(cells)))
            for r in RATIOS:
                for s in seeds:
                    vals = sorted((by, a) for a in forms
                                  for by in [next((float(x["ppl"]) for x in a_runs if x["update"] == u and
                                                   x["group_size"] == n and x["alpha"] == a and x["ratio"] == r and
                                                   x["seed"] == s), None)] if by is not None)
                    if not vals:
                        continue
                    wins[u][vals[0][1]] += 1
                    for rank, (_, a) in enumerate(vals, 1):
                        ranks[u][a].append(rank)
    print()
    for u in kinds:
        total = sum(wins[u].values())
        print("Update %s, over %d (n, r, seed) cells: lowest perplexity %s; mean rank (1 = best of 4) %s.\n" % (
            u, total, ", ".join("%s %d" % (a, wins[u][a]) for a in forms),
            ", ".join("%s %.2f" % (a, sum(ranks[u][a]) / len(ranks[u][a])) for a in forms if ranks[u][a])))
