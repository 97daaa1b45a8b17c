"""The tests run the real tool: $UNLEARNING_CHECK, else the repository's release build."""
import os

import pytest

REPOSITORY_BUILD = os.path.join(os.path.dirname(__file__), "..", "..", ".build", "release", "unlearning-check")


def pytest_configure(config):
    if not os.environ.get("UNLEARNING_CHECK") and os.path.isfile(REPOSITORY_BUILD):
        os.environ["UNLEARNING_CHECK"] = os.path.abspath(REPOSITORY_BUILD)


@pytest.fixture
def linear_problem():
    from kkt import linear_kkt_point
    return linear_kkt_point(n=8, d=3000, seed=7)


@pytest.fixture
def network_problem():
    from kkt import two_layer_kkt_point
    return two_layer_kkt_point(n=6, d=4000, width=4, gamma=0.5, seed=3)
