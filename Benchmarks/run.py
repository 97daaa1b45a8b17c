#!/usr/bin/env python3
"""Benchmark: unlearning-check's exact linear pipeline against python-flint
(exact) and numpy (float64), on the same .npy instances, in one run.

  python3 Benchmarks/run.py [--quick] [--repeats K] [--skip-large]

Builds the release binary, creates a virtual environment with python-flint
and numpy (pip), generates instances on a 2^-16 grid for n ∈ {50, 100, 200},
d ∈ {1000, 5000, 20000}, and prints per-case median times, the ratios
ours/flint and ours/numpy, and peak memory. Our time is the whole
`unlearning-check instance --setting linear` command (which computes more than
the peers: every quantity of the setting, retraining and the claim catalog);
the peers' times cover only their pipeline (see peers.py), without start-up.
Then, once each (unless --skip-large): the theorems' regime case n = 100,
d = 1.4·10⁶ against numpy (including its load) and python-flint (blockwise
Gram), and a margin problem where most multipliers vanish (mixture n = 200,
d = 100) against numpy's projected Gauss–Seidel, with every process's peak RSS.
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


# Linux counts the pages a child inherits at fork in its peak RSS (ru_maxrss survives exec), so a
# command run straight from this driver would be charged for the driver's own memory. A small
# launcher process spawns it instead, and reports its wall time, exit code, peak RSS and output.
LAUNCHER = r"""
import os, sys, time
read, write = os.pipe()
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, write, 1), (os.POSIX_SPAWN_CLOSE, read)])
os.close(write)
with os.fdopen(read, "rb") as f:
    out = f.read()
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
sys.stderr.write("%.6f %d %d\n" % (elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss))
sys.stdout.buffer.write(out)
"""


def launched(command):
    """(wall time, exit code, peak RSS in KiB, standard output) of a command in a fresh process."""
    result = subprocess.run([sys.executable, "-c", LAUNCHER] + command, capture_output=True)
    elapsed, code, peak = result.stderr.decode().strip().splitlines()[-1].split()
    return float(elapsed), int(code), int(peak), result.stdout.decode()


def timed(command):
    """Wall time and peak RSS (KiB) of a command run in a fresh process."""
    elapsed, code, peak, _ = launched(command)
    if code not in (0, 1, 2):
        raise RuntimeError("%s failed with %d" % (command[0], code))
    return elapsed, peak, None


def peer(python, which, xpath, ypath, r="0"):
    """A peer's own pipeline time (printed by peers.py) and its process's peak RSS (KiB)."""
    _, code, peak, out = launched([python, os.path.join(HERE, "peers.py"), which, xpath, ypath, r])
    if code != 0:
        raise RuntimeError("peers.py %s failed with %d" % (which, code))
    return float(out), peak


def large_cases(tool, python, tmp):
    """The theorems' regime (n = 100, d = 1.4·10⁶ on a 2^-16 grid, p ≥ 3) and a
    margin problem where most multipliers vanish (mixture, n = 200, d = 100),
    each once: ours against numpy float64 (with its load) and python-flint."""
    lines = []
    n, d = 100, 1_400_000
    xpath, ypath = os.path.join(tmp, "regime-X.npy"), os.path.join(tmp, "regime-y.npy")
    # Written by a child process: Linux counts a forked child's inherited pages in its peak RSS,
    # so the driver itself must never hold the 1 GiB array.
    run([python, "-c", "import numpy as np; rng = np.random.default_rng(14); "
         "np.save(%r, np.rint(rng.standard_normal((%d, %d)) * 65536) / 65536); np.save(%r, rng.choice([-1.0, 1.0], size=%d))"
         % (xpath, n, d, ypath, n)])
    data_mib = n * d * 8 / 2**20
    ours, ours_peak, _ = timed([tool, "instance", "--setting", "linear", "--data", xpath, "--labels", ypath, "--forget", "0", "--format", "json"])
    numpy_t, numpy_peak = peer(python, "numpy-load", xpath, ypath)
    flint_t, flint_peak = peer(python, "flint", xpath, ypath)
    lines.append("| regime n = %d, d = %d (%.0f MiB of float64) | %.1f s, %.0f MiB | %.2f s, %.0f MiB | %.1f s, %.0f MiB | %.1f | %.1f |"
                 % (n, d, data_mib, ours, ours_peak / 1024, numpy_t, numpy_peak / 1024, flint_t, flint_peak / 1024, ours / numpy_t, ours / flint_t))
    print(lines[-1], flush=True)
    os.remove(xpath)
    # The hard margin problem: our generator's data, written as .npy for the float peer.
    directory = os.path.join(tmp, "hard")
    run([tool, "instance", "--setting", "linear", "--generator", "gaussian-mixture", "--n", "200", "--d", "100", "--mu-norm", "3",
         "--seed", "1", "--forget", "0", "--save", directory])
    xpath, ypath = os.path.join(directory, "X.npy"), os.path.join(directory, "y.npy")
    ours, ours_peak, _ = timed([tool, "instance", "--setting", "linear", "--data", xpath, "--labels", ypath, "--forget", "0", "--format", "json"])
    qp_t, qp_peak = peer(python, "numpy-qp", xpath, ypath)
    lines.append("| mixture n = 200, d = 100, ‖μ‖ = 3 (most λ_i = 0) | %.2f s, %.0f MiB | %.2f s, %.0f MiB (projected Gauss–Seidel to 1e-12) | - (no QP in python-flint) | %.1f | - |"
                 % (ours, ours_peak / 1024, qp_t, qp_peak / 1024, ours / qp_t))
    print(lines[-1], flush=True)
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="only n=50 and d=1000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-large", action="store_true", help="skip the regime case (n = 100, d = 1.4·10⁶, about 2 minutes) and the hard margin case")
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
        large = [] if args.quick or args.skip_large else large_cases(tool, python, tmp)
    print()
    print("| n | d | ours (s) | python-flint (s) | numpy (s) | ours/flint | ours/numpy | peak RSS (MiB) |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print("| %d | %d | %.3f | %.3f | %.4f | %.2f | %.1f | %.0f |" % row)
    if large:
        print()
        print("| case | ours (time, peak RSS) | numpy float64 | python-flint | ours/numpy | ours/flint |")
        print("|---|---|---|---|---|---|")
        for line in large:
            print(line)
    print()
    print("machine: %s, %s, %d cores, Python %s" % (platform.platform(), platform.processor() or platform.machine(),
                                                  os.cpu_count(), platform.python_version()))


if __name__ == "__main__":
    main()
