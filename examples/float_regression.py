#!/usr/bin/env python3
"""Regression-test a float64 gradient-ascent unlearning step against the exact one.

A practitioner's pipeline in numpy: nearly orthogonal data, the max-margin KKT
point from Q λ = 1 in floating point, and one gradient-ascent step on the
forgotten point's logistic loss with the step size β* = λ_r / |ℓ'(q_r)|. The
script saves the arrays as .npy and asks `unlearning-check compare` how far the
float result is from the exact step from the same starting weights.

It also runs a deliberately wrong step (β = λ_r, forgetting the 1/|ℓ'| factor)
and checks that `compare` rejects it. Exit status 0 means both verdicts were
as expected.

Usage: python3 examples/float_regression.py [path/to/unlearning-check]
"""
import os
import subprocess
import sys
import tempfile

import numpy as np


def main():
    tool = sys.argv[1] if len(sys.argv) > 1 else ".build/release/unlearning-check"
    rng = np.random.default_rng(2026)
    n, d, r = 10, 4000, 3
    X = rng.standard_normal((n, d))
    y = rng.choice([-1.0, 1.0], size=n)

    # The max-margin KKT point, assuming every point is a support vector.
    Q = (y[:, None] * y[None, :]) * (X @ X.T)
    lam = np.linalg.solve(Q, np.ones(n))
    assert (lam > 0).all(), "not all points are support vectors; pick a larger d"
    w = X.T @ (lam * y)

    # One gradient-ascent step on ℓ(q) = log(1 + e^-q) at the forgotten point.
    q_r = y[r] * (X[r] @ w)
    dloss = -1.0 / (1.0 + np.exp(q_r))          # ℓ'(q_r)
    grad = dloss * y[r] * X[r]                   # ∇_w ℓ(y_r ⟨w, x_r⟩)
    beta_star = lam[r] / abs(dloss)
    w_good = w + beta_star * grad
    w_bad = w + lam[r] * grad                    # a bug: β = λ_r

    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for name, array in [("X", X), ("y", y), ("w", w), ("w_good", w_good), ("w_bad", w_bad)]:
            paths[name] = os.path.join(tmp, name + ".npy")
            np.save(paths[name], array)
        ok = True
        for name, expected in [("w_good", 0), ("w_bad", 1)]:
            command = [tool, "compare", "--setting", "linear", "--data", paths["X"], "--labels", paths["y"],
                       "--weights", paths["w"], "--unlearned", paths[name], "--forget", str(r)]
            result = subprocess.run(command, capture_output=True, text=True)
            print("== compare %s: exit %d (expected %d)" % (name, result.returncode, expected))
            print(result.stdout.strip())
            if result.stderr.strip():
                print(result.stderr.strip())
            ok = ok and result.returncode == expected
    print("float regression example: " + ("as expected" if ok else "UNEXPECTED VERDICT"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
