"""Honest float64 KKT points and unlearning steps, as a practitioner would write them in numpy.

Linear: w = Σ λ_i y_i x_i with Q λ = 1, Q = (y yᵀ) ∘ (X Xᵀ).

Two layers, N(x; W) = Σ_j a_j φ(⟨w_j, x⟩) with a_j = +1/√m for j < m/2 and
−1/√m after, φ(z) = max(γz, z): on nearly orthogonal data the activation
pattern is φ'_ij = 1 when a_j y_i > 0 and γ otherwise, and
w_j = a_j Σ_i λ_i y_i φ'_ij x_i is stationary with multipliers λ. With that
pattern the margins are linear in λ: y_i N(x_i) = Σ_k M_ik λ_k with
M_ik = y_i y_k ⟨x_i, x_k⟩ (1/m) Σ_j φ'_ij φ'_kj, so M λ = 1 gives a KKT point.
"""
from dataclasses import dataclass

import numpy as np


@dataclass
class Problem:
    X: np.ndarray
    y: np.ndarray
    w: np.ndarray
    lam: np.ndarray
    gamma: float = None


def logistic_derivative(q):
    """ℓ'(q) for ℓ(q) = log(1 + e^{−q})."""
    return -1.0 / (1.0 + np.exp(q))


def data(n, d, seed):
    rng = np.random.default_rng(seed)
    y = np.where(np.arange(n) % 2 == 0, 1.0, -1.0)
    return rng.standard_normal((n, d)), y


def linear_kkt_point(n, d, seed):
    X, y = data(n, d, seed)
    Q = np.outer(y, y) * (X @ X.T)
    lam = np.linalg.solve(Q, np.ones(n))
    assert (lam > 0).all()
    return Problem(X, y, X.T @ (lam * y), lam)


def linear_step(problem, r, scale=1.0):
    """One gradient-ascent step on the forgotten point's logistic loss with β = scale·β*."""
    X, y, w = problem.X, problem.y, problem.w
    q = y[r] * (X[r] @ w)
    slope = logistic_derivative(q)
    beta = scale * problem.lam[r] / abs(slope)
    return w + beta * slope * y[r] * X[r]


def outer_signs(width):
    return np.where(np.arange(width) < width // 2, 1.0, -1.0) / np.sqrt(width)


def two_layer_kkt_point(n, d, width, gamma, seed):
    X, y = data(n, d, seed)
    a = outer_signs(width)
    slopes = np.where(np.outer(y, a) > 0, 1.0, gamma)                 # φ'_ij
    M = np.outer(y, y) * (X @ X.T) * (slopes @ slopes.T) / width
    lam = np.linalg.solve(M, np.ones(n))
    assert (lam > 0).all()
    W = (a[:, None] * ((lam * y)[:, None] * slopes).T) @ X              # w_j = a_j Σ_i λ_i y_i φ'_ij x_i
    assert (np.where(X @ W.T > 0, 1.0, gamma) == slopes).all(), "the assumed activation pattern does not hold"
    return Problem(X, y, W, lam, gamma)


def network(W, x, gamma):
    z = W @ x
    return outer_signs(W.shape[0]) @ np.maximum(gamma * z, z)


def two_layer_step(problem, r, scale=1.0):
    """One ascent step on ℓ(y_r N(x_r; W)): ∇_{w_j} = ℓ'(q_r) y_r a_j φ'(⟨w_j, x_r⟩) x_r."""
    X, y, W, gamma = problem.X, problem.y, problem.w, problem.gamma
    q = y[r] * network(W, X[r], gamma)
    slope = logistic_derivative(q)
    beta = scale * problem.lam[r] / abs(slope)
    phi = np.where(W @ X[r] > 0, 1.0, gamma)
    gradient = slope * y[r] * (outer_signs(W.shape[0]) * phi)[:, None] * X[r][None, :]
    return W + beta * gradient
