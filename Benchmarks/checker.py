#!/usr/bin/env python3
"""The independent checker's time against the tool's, per instance size.

For each size up to the regime suite's largest (n = 100, d = 1.6·10⁶), the tool analyses one
generated instance and writes its certificate (`instance … --certificate DIR`, the whole process,
writing the data file included); then `Scripts/check-certificate.py` confirms it, with numpy's exact
integer passes and, where it finishes in reasonable time, with the standard library alone (--pure).

Usage: python3 Benchmarks/checker.py [path/to/unlearning-check]
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

SIZES = [("linear", 10, 40000), ("linear", 20, 150000), ("linear", 50, 400000), ("linear", 100, 1600000),
         ("two-layer", 6, 200000), ("two-layer", 8, 300000)]
PURE_LIMIT = 3_000_000  # n·d above which the standard-library path is not timed


def timed(command):
    started = time.time()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.time() - started


def main():
    tool = sys.argv[1] if len(sys.argv) > 1 else ".build/release/unlearning-check"
    print("| setting | n | d | data file (MB) | tool (s) | checker, numpy (s) | checker, standard library (s) | checker/tool |")
    print("|---|---|---|---|---|---|---|---|")
    for setting, n, d in SIZES:
        directory = tempfile.mkdtemp(prefix="checker-bench-")
        try:
            extra = ["--width", "4", "--gamma", "1/2"] if setting == "two-layer" else []
            tool_seconds = timed([tool, "instance", "--setting", setting, "--generator", "nearly-orthogonal", "--n", str(n), "--d", str(d),
                                  "--seed", "4", "--forget", "0", "--format", "json", "--certificate", directory] + extra)
            size = sum(os.path.getsize(os.path.join(directory, f)) for f in os.listdir(directory) if f.endswith(".npy")) / 1e6
            check = [sys.executable, "Scripts/check-certificate.py", "--catalog", "theorems", directory]
            fast = timed(check)
            pure = "%.2f" % timed(check[:2] + ["--pure"] + check[2:]) if n * d <= PURE_LIMIT else "—"
            print("| %s | %d | %d | %.0f | %.2f | %.2f | %s | %.2f |" % (setting, n, d, size, tool_seconds, fast, pure, fast / tool_seconds))
            sys.stdout.flush()
        finally:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
