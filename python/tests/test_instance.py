import numpy as np

import unlearning_check as uc
from kkt import data


def test_instance_from_arrays_decides_claims():
    X, y = data(6, 2000, seed=11)
    result = uc.instance(X, y, forget=1)
    assert result.claims and not result.refuted
    assert result.verdict("linear.unlearning-tau") in ("PROVED", "VACUOUS")
    assert result["lambda_r"].is_exact and result["lambda_r"].lo > 0
    assert result["all_active"] is True


def test_instance_from_a_generator():
    result = uc.instance(generator="nearly-orthogonal", n=5, d=4000, seed=2, forget=0, setting="two-layer", width=4, gamma="1/2")
    assert "PROVED" in {claim.verdict for claim in result.claims}
    assert not result.refuted


def test_check_data_finds_the_limiting_pair():
    X, y = data(6, 2000, seed=11)
    X[4] = X[1] + 0.01 * X[4]                      # two nearly parallel points
    review = uc.check_data(X, y)
    assert set(review.zeta_pair) == {1, 4}
    assert review.p_orthogonality is not None and review.p_orthogonality.approx < 3
    assert review.failing and review.verdict
    orthogonal = uc.check_data(np.eye(4) * 3)
    assert orthogonal.p_orthogonality is None and orthogonal.zeta.hi == 0
