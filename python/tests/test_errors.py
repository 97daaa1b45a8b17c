import numpy as np
import pytest

import unlearning_check as uc


def test_a_missing_tool_says_how_to_build_it(monkeypatch):
    monkeypatch.delenv("UNLEARNING_CHECK", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(uc.ToolNotFound, match="swift build -c release"):
        uc.compare(np.eye(2), np.ones(2), np.zeros(2), np.zeros(2), forget=0)
    monkeypatch.setenv("UNLEARNING_CHECK", "/nonexistent/unlearning-check")
    with pytest.raises(uc.ToolNotFound, match="UNLEARNING_CHECK names '/nonexistent/unlearning-check'"):
        uc.find_tool()


def test_bad_data_is_the_tools_one_line_error(linear_problem):
    p = linear_problem
    X = p.X.copy()
    X[0, 0] = np.nan
    with pytest.raises(uc.UnlearningCheckError) as failure:
        uc.compare(X, p.y, p.w, p.w, forget=0)
    assert failure.value.exit_code == 65
    assert "X.npy" in failure.value.message and "\n" not in failure.value.message


def test_wrong_shapes_and_arguments(linear_problem):
    p = linear_problem
    with pytest.raises(uc.UnlearningCheckError) as failure:
        uc.compare(p.X, p.y, p.w[:-1], p.w, forget=0)
    assert failure.value.exit_code == 65
    with pytest.raises(uc.UnlearningCheckError) as failure:
        uc.compare(p.X, p.y, p.w, p.w, forget=99)
    assert failure.value.exit_code in (64, 65) and "99" in failure.value.message
    with pytest.raises(ValueError, match="not both"):
        uc.compare(p.X, p.y, p.w, p.w, forget=0, step=1, step_scale=1)
    with pytest.raises(ValueError, match="setting"):
        uc.compare(p.X, p.y, p.w, p.w, forget=0, setting="three-layer")
    with pytest.raises(TypeError, match="booleans"):
        uc.compare(p.X, p.y > 0, p.w, p.w, forget=0)


def test_exact_numbers():
    assert uc._exact(0.5, "x") == "1/2"
    assert uc._exact(0.1, "x") == "3602879701896397/36028797018963968"
    assert uc._exact("1/10", "x") == "1/10"
    assert uc._exact(3, "x") == "3"
    with pytest.raises(TypeError):
        uc._exact(float("nan"), "x")
