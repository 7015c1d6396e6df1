#!/usr/bin/env python3
"""Tables of docs/results/combinations.md from combinations_stories260k_seed*.csv (run_combinations.sh):
perplexity (geometric mean over the seeds, and the seeds' range) of every update x allocation pair, per
group size and ratio, and the stored parameters of each (equal within a plan: the allocation keeps the
uniform plan's count)."""
import csv, glob, math, os, sys
from collections import defaultdict

here = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
ppl = defaultdict(list)
params = defaultdict(set)
for path in sorted(glob.glob(os.path.join(here, "combinations_stories260k_seed*.csv"))):
    with open(path) as f:
        for row in csv.DictReader(f):
            if row["method"] == "dense":
                dense = float(row["ppl"])
                continue
            n = row["group_size"] if row["group_size"] != "-" else "1"
            key = (n, row["ratio"], row["update"], row["allocation"])
            ppl[key].append(float(row["ppl"]))
            params[(n, row["ratio"])].add(int(row["params"]))
pairs = [(u, a) for u in ("none", "refit", "deviated", "compensate") for a in ("uniform", "error")]
print(f"Dense perplexity {dense:.2f}. Cells: geometric mean of the seeds' perplexities [min–max]; "
      f"best of the row in bold.\n")
print("| n | r | params | " + " | ".join(f"{u} + {a}" for u, a in pairs) + " |")
print("| ---: | ---: | ---: | " + " | ".join("---:" for _ in pairs) + " |")
wins = defaultdict(int)
for n in ["1", "2", "4"]:
    for r in ["0.2", "0.4", "0.6", "0.8"]:
        cells, means = [], []
        for u, a in pairs:
            v = ppl.get((n, r, u, a), [])
            g = math.exp(sum(map(math.log, v)) / len(v)) if v else float("nan")
            means.append(g)
            cells.append((g, min(v) if v else 0, max(v) if v else 0, len(v)))
        best = min(range(len(pairs)), key=lambda i: means[i])
        wins[pairs[best]] += 1
        p = params[(n, r)]
        ptxt = str(next(iter(p))) if len(p) == 1 else "/".join(map(str, sorted(p)))
        out = []
        for i, (g, lo, hi, k) in enumerate(cells):
            t = f"{g:.1f} [{lo:.1f}–{hi:.1f}]"
            out.append(f"**{t}**" if i == best else t)
        print(f"| {n} | {r} | {ptxt} | " + " | ".join(out) + " |")
print("\nBest pair per cell: " + ", ".join(f"{u} + {a}: {wins[(u, a)]}" for u, a in pairs) + " (of 12 cells).")
