#!/usr/bin/env python3
"""Search against random draws at equal budgets, over several seeds.

For every inequality claim of the setting, runs `unlearning-check search CLAIM --random-baseline`
at each seed and reports the median best ratio of the search and of the random draws, how many
seeds the search won, tied and lost, and the time per exact evaluation. One seed is one sample of
each method's best-of-budget, which is noisy; the medians and the win count are the comparison.

Usage: Benchmarks/search-vs-random.py [--setting linear|two-layer] [--seeds 5] [--budget 200]
       [--tool PATH] [-- extra search options, e.g. --n 8 --d 8000]
"""
import argparse
import json
import statistics
import subprocess
import sys


def claims(tool, setting):
    """The catalog's claims of the setting; those search refuses (identities, flags) are skipped later."""
    listing = subprocess.run([tool, "list", "--setting", setting, "--format", "json"], capture_output=True, text=True, check=True)
    document = json.loads(listing.stdout)
    rows = document["claims"] if isinstance(document, dict) else document
    return [row["id"] for row in rows if row.get("setting") in (setting, "any", None)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--setting", default="linear")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--budget", type=int, default=200)
    parser.add_argument("--tool", default=".build/release/unlearning-check")
    parser.add_argument("extra", nargs="*")
    options = parser.parse_args()
    print("| %s claim | search median | random median | search won / tied / lost | ms per exact evaluation |" % options.setting)
    print("|---|---|---|---|---|")
    totals = [0, 0, 0]
    for claim in claims(options.tool, options.setting):
        search, random, per_evaluation, outcome, refused = [], [], [], [0, 0, 0], False
        for seed in range(1, options.seeds + 1):
            run = subprocess.run([options.tool, "search", claim, "--setting", options.setting, "--budget", str(options.budget),
                                  "--seed", str(seed), "--random-baseline", "--format", "json", "--progress", "never"] + options.extra,
                                 capture_output=True, text=True)
            if run.returncode == 64:       # not searchable: an identity, a flag, a mixture claim
                refused = True
                break
            document = json.loads(run.stdout)
            if not document.get("best"):
                continue
            s, r = document["best"]["ratio"], document.get("random_best")
            search.append(s)
            random.append(r if r is not None else float("-inf"))
            per_evaluation.append(1000 * document["seconds"] / (2 * document["evaluations"]))
            outcome[0 if s > r + 1e-12 else 1 if abs(s - r) <= 1e-12 else 2] += 1
        if refused:
            continue
        if not search:
            print("| `%s` | — | — | — | — |" % claim)
            continue
        for k in range(3):
            totals[k] += outcome[k]
        shown = lambda x: "%.4g" % x if x != float("-inf") else "—"
        print("| `%s` | %s | %s | %d / %d / %d | %.1f |" % (claim, shown(statistics.median(search)), shown(statistics.median(random)),
                                                           outcome[0], outcome[1], outcome[2], statistics.median(per_evaluation)))
        sys.stdout.flush()
    print("\nseeds won / tied / lost by the search, over all claims: %d / %d / %d" % tuple(totals))


if __name__ == "__main__":
    main()
