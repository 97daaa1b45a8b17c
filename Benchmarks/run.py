#!/usr/bin/env python3
"""Benchmark: unlearning-check's exact linear pipeline against python-flint
(exact) and numpy (float64), on the same .npy instances, in one run.

  python3 Benchmarks/run.py [--quick] [--repeats K]

Builds the release binary, creates a virtual environment with python-flint
and numpy (pip), generates instances on a 2^-16 grid for n ∈ {50, 100, 200},
d ∈ {1000, 5000, 20000}, and prints per-case median times, the ratios
ours/flint and ours/numpy, and peak memory. Our time is the whole
`unlearning-check instance --setting linear` command (which computes more than
the peers: every quantity of the setting, retraining and the claim catalog);
the peers' times cover only their pipeline (see peers.py), without start-up.
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VENV = os.path.join(ROOT, ".build-bench", "venv")


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def ensure_venv():
    python = os.path.join(VENV, "bin", "python3")
    if not os.path.exists(python):
        print("creating %s and installing python-flint and numpy ..." % VENV, file=sys.stderr)
        run([sys.executable, "-m", "venv", VENV])
        run([python, "-m", "pip", "install", "-q", "python-flint==0.9.0", "numpy"])
    return python


def timed(command):
    """Wall time and peak RSS (KiB) of a command run in a fresh process
    (os.wait4 gives that one child's resource usage)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1, 2):
        raise RuntimeError("%s failed with %d: %s" % (command[0], code, process.stderr.read().decode()))
    return elapsed, usage.ru_maxrss, None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="only n=50 and d=1000")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    print("building the release binary ...", file=sys.stderr)
    run(["swift", "build", "-c", "release"], cwd=ROOT)
    tool = os.path.join(ROOT, ".build", "release", "unlearning-check")
    python = ensure_venv()
    import numpy as np  # the driver's own numpy, only to write the instances

    ns = [50] if args.quick else [50, 100, 200]
    ds = [1000] if args.quick else [1000, 5000, 20000]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in ns:
            for d in ds:
                rng = np.random.default_rng(1000 * n + d)
                X = np.rint(rng.standard_normal((n, d)) * 65536) / 65536
                y = rng.choice([-1.0, 1.0], size=n)
                xpath, ypath = os.path.join(tmp, "X.npy"), os.path.join(tmp, "y.npy")
                np.save(xpath, X)
                np.save(ypath, y)
                ours, flint, numpy_t, peak = [], [], [], 0
                for _ in range(args.repeats):
                    t, p, _ = timed([tool, "instance", "--setting", "linear", "--data", xpath, "--labels", ypath,
                                     "--forget", "0", "--format", "json"])
                    ours.append(t)
                    peak = max(peak, p)
                    flint.append(float(run([python, os.path.join(HERE, "peers.py"), "flint", xpath, ypath, "0"]).stdout))
                    numpy_t.append(float(run([python, os.path.join(HERE, "peers.py"), "numpy", xpath, ypath, "0"]).stdout))
                o, f, m = statistics.median(ours), statistics.median(flint), statistics.median(numpy_t)
                rows.append((n, d, o, f, m, o / f, o / m, peak / 1024))
                print("n=%4d d=%6d  ours %8.3fs  flint %8.3fs  numpy %8.4fs  ours/flint %6.2f  ours/numpy %8.1f  peak %6.0f MiB"
                      % rows[-1], flush=True)
    print()
    print("| n | d | ours (s) | python-flint (s) | numpy (s) | ours/flint | ours/numpy | peak RSS (MiB) |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print("| %d | %d | %.3f | %.3f | %.4f | %.2f | %.1f | %.0f |" % row)
    print()
    print("machine: %s, %s, %d cores, Python %s" % (platform.platform(), platform.processor() or platform.machine(),
                                                  os.cpu_count(), platform.python_version()))


if __name__ == "__main__":
    main()
