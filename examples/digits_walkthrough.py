#!/usr/bin/env python3
"""A researcher's first day with unlearning-check, on real data.

The data are 40 handwritten 3s and 8s from the UCI digits set (bundled in
examples/data, 8 × 8 pixels each, so d = 64 > n = 40). The path:

1. `check-data`: are the data near-orthogonal, as the theorems assume?
   (Real images are not: every claim that assumes p ≥ 3 will be VACUOUS.)
2. Train a linear predictor by gradient descent on the logistic loss, in
   float64, as one would (no KKT point is solved for).
3. `instance --weights`: the exact analysis from those weights: its scale ρ,
   the step β* at both scales, (ε, δ, τ) after the step, and each claim.
4. Your own numpy unlearning step, with the multipliers fitted to your
   weights, against the exact one (`compare`): it must pass.
5. A classic bug: β* computed at margin 1 while the weights sit at their own
   scale ρ. `compare` must reject it and say that its β is off.
6. `figure step-size` from your weights (the SVG, and a PNG when rsvg-convert
   is installed).

Exit status 0 when every verdict is the expected one. CI runs this script.

Usage: python3 examples/digits_walkthrough.py [path/to/unlearning-check] [output directory]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def run(tool, *arguments, expect=(0,)):
    """Runs the tool, prints its command, and returns (exit code, stdout)."""
    command = [tool] + [str(a) for a in arguments]
    print("$ unlearning-check " + " ".join(str(a) for a in arguments))
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode not in expect:
        sys.exit("unexpected exit %d from %s\n%s%s" % (done.returncode, " ".join(command), done.stdout, done.stderr))
    return done.returncode, done.stdout


def load_digits(n):
    """The first n images of 3 (label +1) and 8 (label −1), centred by the mean of all 357 images
    and scaled by 1/16. (Centring by the subset's own mean would make the rows sum to 0: rank n − 1,
    and then no multipliers λ, hence no β*, are unique.)"""
    archive = np.load(os.path.join(HERE, "data", "digits-3-vs-8.npz"))
    images, digits = archive["images"].astype(np.float64), archive["digits"]
    X = (images[:n] - images.mean(axis=0)) / 16.0
    digits = digits[:n]
    y = np.where(digits == 3, 1.0, -1.0)
    return X, y


def train(X, y, steps=20000, rate=0.5):
    """Gradient descent on the mean logistic loss from 0: its direction tends to the max-margin one."""
    w = np.zeros(X.shape[1])
    for _ in range(steps):
        q = y * (X @ w)
        w += rate * (X.T @ (y / (1.0 + np.exp(q)))) / len(y)
    return w


def multipliers(X, y, w, sweeps=2000):
    """λ ≥ 0 minimizing ‖w − Σ λ_i y_i x_i‖: least squares, then, if any λ_i < 0, coordinate
    descent from the clipped solution (a practitioner's NNLS, in float64)."""
    A = y[:, None] * X                    # rows y_i x_i
    lam = np.linalg.lstsq(A.T, w, rcond=None)[0]
    if (lam >= 0).all():
        return lam
    lam = np.maximum(lam, 0.0)
    G, b = A @ A.T, A @ w
    for _ in range(sweeps):
        for i in range(len(y)):
            lam[i] = max(0.0, lam[i] + (b[i] - G[i] @ lam) / G[i, i])
    return lam


def main():
    tool = sys.argv[1] if len(sys.argv) > 1 else os.path.join(".build", "release", "unlearning-check")
    keep = sys.argv[2] if len(sys.argv) > 2 else None
    out = keep or tempfile.mkdtemp(prefix="digits-")
    os.makedirs(out, exist_ok=True)
    X, y = load_digits(40)
    paths = {name: os.path.join(out, name + ".npy") for name in ["X", "y", "w", "w_unlearned", "w_bug"]}
    np.save(paths["X"], X)
    np.save(paths["y"], y)

    print("== 1. Are the data near-orthogonal?")
    _, review = run(tool, "check-data", "--data", paths["X"], "--labels", paths["y"])
    print("\n".join(line for line in review.splitlines() if line.startswith(("p ", "verdict"))))
    assert "p_orthogonality >= 3 fails" in review, "real digits were expected to be far from orthogonal"

    print("\n== 2. Train by gradient descent (float64)")
    w = train(X, y)
    q = y * (X @ w)
    print("smallest margin %.4f, largest %.4f: all %d points classified" % (q.min(), q.max(), len(y)))
    np.save(paths["w"], w)

    r = int(np.argmin(q))  # forget the point the model is least sure of (a support vector)
    print("\n== 3. The exact analysis from these weights, forgetting point %d" % r)
    _, text = run(tool, "instance", "--setting", "linear", "--data", paths["X"], "--labels", paths["y"],
                  "--weights", paths["w"], "--forget", r, "--format", "json")
    report = json.loads(text)
    quantities = report["quantities"]
    for name in ["rho", "beta_star", "beta_star_user", "epsilon", "delta", "tau"]:
        value = quantities.get(name)
        if isinstance(value, dict):
            print("  %-15s %.6g" % (name, value["approx"]))
    verdicts = {}
    for claim in report["claims"]:
        verdicts[claim["verdict"]] = verdicts.get(claim["verdict"], 0) + 1
    print("  claims: " + ", ".join("%d %s" % (k, v) for v, k in sorted(verdicts.items())))
    assert verdicts.get("REFUTED", 0) == 0, "a claim was refuted on real data"

    print("\n== 4. Your own unlearning step, checked against the exact one")
    lam = multipliers(X, y, w)
    slope = -1.0 / (1.0 + np.exp(q[r]))                    # ℓ'(q_r) at your scale
    beta = lam[r] / abs(slope)                             # β* = λ_r / |ℓ'(q_r)|
    np.save(paths["w_unlearned"], w + beta * slope * y[r] * X[r])
    code, text = run(tool, "compare", "--setting", "linear", "--data", paths["X"], "--labels", paths["y"],
                     "--weights", paths["w"], "--unlearned", paths["w_unlearned"], "--forget", r, "--tolerance", "1e-9")
    print(text)
    assert code == 0, "the honest step should be within 1e-9 of the exact one"

    print("== 5. A classic bug: β* taken at margin 1 while the weights are at scale ρ")
    rho = q.min()
    beta_margin_one = (lam[r] / rho) / (1.0 / (1.0 + np.exp(q[r] / rho)))
    np.save(paths["w_bug"], w + beta_margin_one * slope * y[r] * X[r])
    code, text = run(tool, "compare", "--setting", "linear", "--data", paths["X"], "--labels", paths["y"],
                     "--weights", paths["w"], "--unlearned", paths["w_bug"], "--forget", r, "--tolerance", "1e-9", expect=(1,))
    print("\n".join(line for line in text.splitlines() if any(k in line for k in ("verdict", "your change", "step size", "effective β", "that is"))))
    assert "β scaled wrongly" in text and "that is β̂*" in text

    print("\n== 6. ε against the step size, from your weights")
    figure = os.path.join(out, "figure")
    run(tool, "figure", "step-size", "--setting", "linear", "--data", paths["X"], "--labels", paths["y"],
        "--weights", paths["w"], "--forget", r, "--points", 21, "--output", figure)
    if shutil.which("rsvg-convert"):
        subprocess.run(["rsvg-convert", "-w", "900", os.path.join(figure, "step-size.svg"), "-o", os.path.join(figure, "step-size.png")], check=True)
    print("files in %s" % out)
    if keep is None:
        shutil.rmtree(out)
    print("\nwalkthrough: every verdict as expected")


if __name__ == "__main__":
    main()
