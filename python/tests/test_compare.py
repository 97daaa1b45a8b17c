import numpy as np
import pytest

import unlearning_check as uc
from kkt import linear_step, two_layer_step


def test_an_honest_linear_step_passes(linear_problem):
    p = linear_problem
    result = uc.assert_unlearning_step(p.X, p.y, p.w, linear_step(p, 2), forget=2)
    assert result.passed and result.verdict == "within"
    assert float(result.normwise_error) < 1e-14
    assert abs(result.scale.approx - 1) < 1e-12 and result.cosine.approx > 1 - 1e-12
    # The exact step leaves ε = 0 on the retained data (|1 − c| λ_r ‖x_r‖ with c = 1), up to rounding.
    assert result.epsilon.approx < 1e-9
    assert result.tau.lo >= 0


def test_a_perturbed_step_fails_naming_the_coordinate(linear_problem):
    p = linear_problem
    wrong = linear_step(p, 2)
    wrong[1234] += 1e-6
    with pytest.raises(AssertionError) as failure:
        uc.assert_unlearning_step(p.X, p.y, p.w, wrong, forget=2)
    message = str(failure.value)
    assert "outside tolerance" in message
    assert "largest error at entry 1234" in message
    assert "normwise relative error" in message
    result = uc.compare(p.X, p.y, p.w, wrong, forget=2)
    assert not result.passed and result.largest_error_index == 1234
    assert abs(result.yours - result.exact.approx - 1e-6) < 1e-12


def test_a_wrong_sign_step_is_named_a_descent_step(linear_problem):
    p = linear_problem
    descent = 2 * p.w - linear_step(p, 5)          # w − (w' − w)
    with pytest.raises(AssertionError, match="descent step"):
        uc.assert_unlearning_step(p.X, p.y, p.w, descent, forget=5)
    result = uc.compare(p.X, p.y, p.w, descent, forget=5)
    assert -1 in result.scale or abs(result.scale.approx + 1) < 1e-9


def test_a_forgotten_factor_is_named_a_wrong_scale(linear_problem):
    p = linear_problem
    q = p.y[2] * (p.X[2] @ p.w)
    slope = 1.0 / (1.0 + np.exp(q))
    with pytest.raises(AssertionError, match="β off by a factor 0.26"):
        uc.assert_unlearning_step(p.X, p.y, p.w, linear_step(p, 2, scale=slope), forget=2)


def test_a_step_scale_is_passed_exactly(linear_problem):
    p = linear_problem
    result = uc.assert_unlearning_step(p.X, p.y, p.w, linear_step(p, 0, scale=0.5), forget=0, step_scale="1/2")
    assert result.passed
    # With c = 1/2 the residual with the old multipliers is |1 − c| λ_r ‖x_r‖; the certified ε
    # takes the best multipliers on the retained data, so it is positive and at most that.
    with_old_multipliers = 0.5 * p.lam[0] * np.linalg.norm(p.X[0])
    assert 0 < result.epsilon.approx <= with_old_multipliers * (1 + 1e-9)


def test_residual_bounds_are_asserted(linear_problem):
    p = linear_problem
    step = linear_step(p, 0, scale=0.5)
    uc.assert_unlearning_step(p.X, p.y, p.w, step, forget=0, step_scale="1/2", max_tau=1)
    with pytest.raises(AssertionError, match="certified epsilon .* is not proved ≤ 1e-06"):
        uc.assert_unlearning_step(p.X, p.y, p.w, step, forget=0, step_scale="1/2", max_epsilon=1e-6)


def test_a_float32_step_gets_a_tolerance_hint(linear_problem):
    p = linear_problem
    step32 = linear_step(p, 1).astype(np.float32)
    with pytest.raises(AssertionError, match="looks like float32 rounding(.|\n)*hold float32 values"):
        uc.assert_unlearning_step(p.X, p.y, p.w, step32, forget=1)
    assert uc.compare(p.X, p.y, p.w, step32, forget=1, tolerance="1e-6").passed


def test_a_forget_set(linear_problem):
    p = linear_problem
    wrong = linear_step(p, 1)                      # forgets only 1, not {1, 4}
    result = uc.compare(p.X, p.y, p.w, wrong, forget=[4, 1])
    assert not result.passed
    assert "--forget" in result.command and "1,4" in result.command


def test_an_honest_two_layer_step_passes_and_a_broken_one_fails(network_problem):
    p = network_problem
    good = two_layer_step(p, 3)
    result = uc.assert_unlearning_step(p.X, p.y, p.w, good, forget=3, setting="two-layer", gamma=p.gamma)
    assert result.activation_mismatches == 0
    broken = p.w + (p.w - good)[::-1]              # the outer signs swapped: each neuron moves the other way
    with pytest.raises(AssertionError, match="neuron"):
        uc.assert_unlearning_step(p.X, p.y, p.w, broken, forget=3, setting="two-layer", gamma=p.gamma)


def test_kept_files_replay(linear_problem, tmp_path):
    import subprocess
    p = linear_problem
    result = uc.compare(p.X, p.y, p.w, linear_step(p, 2), forget=2, keep=tmp_path / "case")
    assert (tmp_path / "case" / "w_unlearned.npy").exists()
    replay = subprocess.run(result.command, capture_output=True, text=True)
    assert replay.returncode == 0


def test_a_start_at_the_users_scale_is_read_at_margin_one_too(linear_problem):
    """Weights 8× the KKT point: ρ = 8, β* at the user's scale is not β̂*, and τ, which reads 0 at
    the user's scale, is the theory's τ at margin 1, for the user's result and the exact step alike."""
    p = linear_problem
    class Scaled:
        X, y, w, lam = p.X, p.y, 8 * p.w, 8 * p.lam
    result = uc.compare(p.X, p.y, Scaled.w, linear_step(Scaled, 2), forget=2)
    assert result.passed and abs(result.rho.approx - 8) < 1e-9
    assert result.beta_star.approx > 10 * result.beta_star_margin_one.approx
    assert abs(result.effective_beta.approx - result.beta_star.approx) < 1e-9 * result.beta_star.approx
    assert result.tau.hi == 0 and result.at_margin_one["tau"].approx > 0
    exact = result.json["scale"]["exact_step"]["at_margin_one"]
    assert abs(float(uc.Enclosure.from_json(exact["tau"])) - result.at_margin_one["tau"].approx) < 1e-9
    assert result.retained_correct == result.retained_count and result.warnings == []


def test_residual_bounds_can_be_asserted_at_margin_one(linear_problem):
    """τ reads 0 at the user's scale ρ = 8, so max_tau = 0 passes there, and fails at margin 1."""
    p = linear_problem
    class Scaled:
        X, y, w, lam = p.X, p.y, 8 * p.w, 8 * p.lam
    step = linear_step(Scaled, 2)
    uc.assert_unlearning_step(p.X, p.y, Scaled.w, step, forget=2, max_tau=0)
    with pytest.raises(AssertionError, match="tau = .* at margin 1 is not proved ≤ 0"):
        uc.assert_unlearning_step(p.X, p.y, Scaled.w, step, forget=2, max_tau=0, at_margin_one=True)


def test_a_model_with_an_intercept_is_refused_and_one_without_is_read(linear_problem):
    """An sklearn-style model (coef_, intercept_) gives its weights; a nonzero intercept is refused,
    naming the remedy, instead of being dropped."""
    p = linear_problem
    class Model:
        def __init__(self, coef, intercept):
            self.coef_, self.intercept_ = coef[None, :], np.array([intercept])
    result = uc.compare(p.X, p.y, Model(p.w, 0.0), Model(linear_step(p, 2), 0.0), forget=2)
    assert result.passed
    with pytest.raises(ValueError, match="intercept .*fit_intercept=False.*constant column"):
        uc.compare(p.X, p.y, Model(p.w, 0.25), linear_step(p, 2), forget=2)


def test_an_alternating_outer_layer_is_compared_with_its_own_signs(network_problem):
    """The same network with its neurons interleaved (+, −, +, …): compared as halves it moves
    another way; with outer_signs="alternating", or the outer weights themselves, it passes."""
    p = network_problem
    m = p.w.shape[0]
    order = [j for pair in zip(range(m // 2), range(m // 2, m)) for j in pair]
    W, after = p.w[order], two_layer_step(p, 1)[order]
    wrong = uc.compare(p.X, p.y, W, after, forget=1, setting="two-layer", gamma="1/2")
    assert not wrong.passed
    assert uc.compare(p.X, p.y, W, after, forget=1, setting="two-layer", gamma="1/2", outer_signs="alternating").passed
    a = np.array([1.0, -1.0] * (m // 2)) / np.sqrt(m)
    assert uc.compare(p.X, p.y, W, after, forget=1, setting="two-layer", gamma="1/2", outer_signs=a).passed
