"""A two-layer step written in JAX (or PyTorch), when either is installed."""
import numpy as np
import pytest

import unlearning_check as uc
from kkt import outer_signs


def test_a_jax_two_layer_step(network_problem):
    jax = pytest.importorskip("jax")
    jax.config.update("jax_enable_x64", True)
    jnp = jax.numpy
    p, r = network_problem, 2
    a = jnp.asarray(outer_signs(p.w.shape[0]))

    def margin(W, x, label):
        z = W @ x
        return label * (a @ jnp.maximum(p.gamma * z, z))

    def loss(W):
        return jnp.log1p(jnp.exp(-margin(W, p.X[r], p.y[r])))

    W = jnp.asarray(p.w)
    q = margin(W, p.X[r], p.y[r])
    beta = p.lam[r] * (1 + jnp.exp(q))            # β* = λ_r / |ℓ'(q_r)|
    good = W + beta * jax.grad(loss)(W)
    result = uc.assert_unlearning_step(p.X, p.y, W, good, forget=r, setting="two-layer", gamma=p.gamma)
    assert result.activation_mismatches == 0
    with pytest.raises(AssertionError, match="descent step"):
        uc.assert_unlearning_step(p.X, p.y, W, W - beta * jax.grad(loss)(W), forget=r, setting="two-layer", gamma=p.gamma)


def test_a_torch_linear_step(linear_problem):
    torch = pytest.importorskip("torch")
    p, r = linear_problem, 3
    w = torch.tensor(p.w, dtype=torch.float64, requires_grad=True)
    x, label = torch.tensor(p.X[r]), float(p.y[r])
    loss = torch.nn.functional.softplus(-label * (x @ w))
    loss.backward()
    q = label * float(x @ w)
    good = w + p.lam[r] * (1 + np.exp(q)) * w.grad
    uc.assert_unlearning_step(p.X, p.y, w, good, forget=r)
    with pytest.raises(AssertionError):
        uc.assert_unlearning_step(p.X, p.y, w, w - p.lam[r] * (1 + np.exp(q)) * w.grad, forget=r)
