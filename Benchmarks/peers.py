#!/usr/bin/env python3
"""The peer implementations of the benchmark: the same exact linear pipeline
in python-flint (FLINT's fmpz_mat / fmpq_mat), and in numpy float64.

Pipeline, on data X (n × d, entries on a 2^-16 grid) and labels y:
  Gram G = X Xᵀ; Q = (y yᵀ) ∘ G; λ from Q λ = 1 (all constraints active);
  margins after forgetting r: q' = 1 − λ_r Q[:, r] (i ≠ r);
  retrained multipliers λ* from Q_{−r} λ* = 1.

Usage: peers.py flint|numpy|numpy-load|numpy-qp X.npy y.npy r   (prints the seconds taken)
  numpy-load times np.load as well; numpy-qp solves the margin problem's dual
  (for data where many multipliers vanish) by projected Gauss–Seidel.
"""
import sys
import time

import numpy as np


def flint_gram(Xi, block=20000):
    """X Xᵀ exactly, accumulated over column blocks (so a 10⁸-entry matrix is
    never one Python list)."""
    import flint
    n, d = Xi.shape
    G = flint.fmpz_mat(n, n)
    for k in range(0, d, block):
        A = flint.fmpz_mat(Xi[:, k:k + block].tolist())
        G = G + A * A.transpose()
    return G


def flint_pipeline(X, y, r):
    import flint
    scale = 1 << 16
    Xi = np.rint(X * scale).astype(np.int64)
    assert (Xi.astype(np.float64) / scale == X).all(), "data must lie on the 2^-16 grid"
    n, d = Xi.shape
    start = time.perf_counter()
    G = flint_gram(Xi)                         # exact Gram, integers scaled by 2^32
    signs = [int(v) for v in y]
    Q = flint.fmpq_mat(n, n, [flint.fmpq(signs[i] * signs[j] * int(G[i, j]), scale * scale) for i in range(n) for j in range(n)])
    ones = flint.fmpq_mat(n, 1, [1] * n)
    lam = Q.solve(ones)
    keep = [i for i in range(n) if i != r]
    after = [1 - lam[r, 0] * Q[i, r] for i in keep]
    Qr = flint.fmpq_mat(n - 1, n - 1, [Q[i, j] for i in keep for j in keep])
    retrained = Qr.solve(flint.fmpq_mat(n - 1, 1, [1] * (n - 1)))
    elapsed = time.perf_counter() - start
    assert len(after) == n - 1 and retrained.nrows() == n - 1
    return elapsed


def numpy_pipeline(X, y, r):
    start = time.perf_counter()
    G = X @ X.T
    Q = np.outer(y, y) * G
    lam = np.linalg.solve(Q, np.ones(len(y)))
    keep = np.arange(len(y)) != r
    after = 1 - lam[r] * Q[keep, r]
    retrained = np.linalg.solve(Q[np.ix_(keep, keep)], np.ones(keep.sum()))
    elapsed = time.perf_counter() - start
    assert after.shape[0] == len(y) - 1 and retrained.shape[0] == len(y) - 1
    return elapsed


def numpy_qp_pipeline(X, y, r, tolerance=1e-12, sweeps=200000):
    """The margin problem where many multipliers vanish (d < n): its dual
    min ½λᵀQλ − 1ᵀλ, λ ≥ 0, by projected Gauss–Seidel in float64 until the
    KKT conditions hold to `tolerance`, for S and for S without r, and the
    margins after the step. A float answer, not a certified one."""
    def solve(Q):
        n = Q.shape[0]
        lam = np.zeros(n)
        g = -np.ones(n)                        # Qλ − 1
        for _ in range(sweeps):
            for i in range(n):
                new = max(0.0, lam[i] - g[i] / Q[i, i])
                if new != lam[i]:
                    g += (new - lam[i]) * Q[:, i]
                    lam[i] = new
            violation = np.max(np.where(lam > 0, np.abs(g), np.maximum(-g, 0)))
            if violation < tolerance:
                break
        return lam
    start = time.perf_counter()
    G = X @ X.T
    Q = np.outer(y, y) * G
    lam = solve(Q)
    keep = np.arange(len(y)) != r
    after = (Q @ lam)[keep] - lam[r] * Q[keep, r]
    retrained = solve(Q[np.ix_(keep, keep)])
    elapsed = time.perf_counter() - start
    assert after.shape[0] == len(y) - 1 and retrained.shape[0] == len(y) - 1
    return elapsed


def main():
    which, xpath, ypath, r = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    if which == "numpy-load":
        # The whole float pipeline from the file: load, Gram, solve, margins after unlearning.
        start = time.perf_counter()
        X, y = np.load(xpath), np.load(ypath)
        numpy_pipeline(X, y, r)
        print("%.6f" % (time.perf_counter() - start))
        return
    X, y = np.load(xpath), np.load(ypath)
    pipeline = {"flint": flint_pipeline, "numpy": numpy_pipeline, "numpy-qp": numpy_qp_pipeline}[which]
    print("%.6f" % pipeline(X, y, r))


if __name__ == "__main__":
    main()
