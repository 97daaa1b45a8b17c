"""Check gradient-ascent unlearning against exact arithmetic, from numpy, PyTorch or JAX.

A thin client of the ``unlearning-check`` tool: it writes the arrays as
temporary ``.npy`` files (float arrays widened to float64, which is exact), runs
one command with ``--format json`` and returns its answer with exact rational
endpoints.

In a pytest test::

    from unlearning_check import assert_unlearning_step

    def test_my_unlearning_step():
        assert_unlearning_step(X, y, w, my_unlearn(w, X, y, r), forget=r)

Numbers that the tool takes exactly (``step``, ``step_scale``, ``gamma``,
``tolerance``) may be ints, ``Fraction``s, strings such as ``"1/10"`` or
floats; a float means the binary64 value it holds, exactly.

The binary is found from the ``tool`` argument, else ``$UNLEARNING_CHECK``,
else ``unlearning-check`` on ``PATH``.
"""
import os
import tempfile
from fractions import Fraction

from ._arrays import as_numpy, model_weights, save, source_precision
from ._results import ClaimVerdict, CompareResult, DataReview, Enclosure, InstanceResult
from ._tool import ToolNotFound, UnlearningCheckError, find_tool, run_json

__all__ = [
    "assert_unlearning_step", "compare", "instance", "check_data", "find_tool",
    "CompareResult", "InstanceResult", "DataReview", "ClaimVerdict", "Enclosure",
    "ToolNotFound", "UnlearningCheckError",
]
__version__ = "0.5.0"


def _exact(value, name):
    """An exact number as the tool's text: ints and strings as they are, a float's exact value as p/q."""
    if isinstance(value, bool):
        raise TypeError("%s: a boolean is not a number" % name)
    if isinstance(value, (int, str)):
        return str(value)
    try:
        fraction = Fraction(value)
    except (TypeError, ValueError, OverflowError):
        raise TypeError("%s: %r is not a finite real number" % (name, value)) from None
    return str(fraction.numerator) if fraction.denominator == 1 else "%d/%d" % (fraction.numerator, fraction.denominator)


def _forget(forget):
    if isinstance(forget, (list, tuple, set, frozenset)) or hasattr(forget, "__array__"):
        indices = [int(i) for i in as_numpy(forget, "forget").reshape(-1)] if hasattr(forget, "__array__") else [int(i) for i in forget]
        if not indices:
            raise ValueError("forget: the set of points to forget is empty")
        return ",".join(str(i) for i in sorted(indices))
    return str(int(forget))


def _step_options(step_scale, step):
    if step_scale is not None and step is not None:
        raise ValueError("give step_scale (β = c·β*) or step (an explicit β), not both")
    if step is not None:
        return ["--step", _exact(step, "step")]
    if step_scale is not None:
        return ["--step-scale", _exact(step_scale, "step_scale")]
    return []


def _setting_options(setting, gamma):
    if setting not in ("linear", "two-layer"):
        raise ValueError("setting must be 'linear' or 'two-layer', not %r" % (setting,))
    if setting == "two-layer":
        return ["--setting", setting, "--gamma", _exact(0 if gamma is None else gamma, "gamma")]
    if gamma is not None:
        raise ValueError("gamma is the two-layer leak; the linear setting has none")
    return ["--setting", setting]


def compare(X, y, w, w_unlearned, forget, setting="linear", *, gamma=None, loss="logistic", step_scale=None, step=None,
            tolerance="1e-12", max_ulps=None, outer_signs=None, tool=None, timeout=None, keep=None):
    """Compares a float unlearning step with the exact one from the same starting weights.

    ``w`` and ``w_unlearned`` are the starting and unlearned weights (arrays, or
    model objects: an sklearn linear model or a torch ``nn.Linear``, refused
    when they have a nonzero intercept): a length-d vector (linear) or the m × d first layer of a network whose outer weights
    are +1/√m for the first m/2 neurons and −1/√m for the rest (two-layer,
    leak ``gamma``). The step is β = ``step_scale``·β* (default 1) or the
    explicit ``step`` β, on the forgotten point (an index) or set (a list).
    ``outer_signs`` lays out a network's outer layer otherwise: "alternating",
    or the outer weights themselves (an array of m values; their signs count).

    Returns a :class:`CompareResult`; its ``passed`` is whether the normwise
    relative error is within ``tolerance`` (and every entry within ``max_ulps``,
    when given). ``keep`` names a directory to keep the .npy files in, so that
    ``result.command`` replays the comparison.
    """
    arguments = ["compare"] + _setting_options(setting, gamma)
    arguments += ["--forget", _forget(forget), "--loss", loss, "--tolerance", _exact(tolerance, "tolerance")]
    arguments += _step_options(step_scale, step)
    if max_ulps is not None:
        arguments += ["--max-ulps", str(int(max_ulps))]
    with _directory(keep) as directory:
        if isinstance(outer_signs, str):
            arguments += ["--outer-signs", outer_signs]
        elif outer_signs is not None:
            arguments += ["--outer-signs", save(directory, "outer_signs", outer_signs)]
        for flag, name, value in [("--data", "X", X), ("--labels", "y", y), ("--weights", "w", model_weights(w, "w")),
                                  ("--unlearned", "w_unlearned", model_weights(w_unlearned, "w_unlearned"))]:
            arguments += [flag, save(directory, name, value)]
        _, document, command = run_json(tool, arguments, timeout=timeout)
    return CompareResult.from_json(document, command)


def assert_unlearning_step(X, y, w, w_unlearned, forget, setting="linear", *, max_epsilon=None, max_delta=None, max_tau=None,
                           at_margin_one=False, **options):
    """Asserts that ``w_unlearned`` is the unlearning step from ``w``, within tolerance.

    Takes :func:`compare`'s arguments, and optionally bounds on the certified
    KKT residuals of the unlearned weights on the retained data
    (``max_epsilon``, ``max_delta``, ``max_tau``: each must be proved, the
    whole enclosure at or below it). They bound the residuals at the user's
    scale, or with ``at_margin_one=True`` those of θ'/ρ (ρ the start's
    smallest margin), the scale of the theory's bounds. Raises ``AssertionError`` saying what
    differs, by how much and where; returns the :class:`CompareResult` when
    every check passes.
    """
    result = compare(X, y, w, w_unlearned, forget, setting, **options)
    problems = []
    if not result.passed:
        problems.append(_step_problem(result, w_unlearned, options.get("tolerance", "1e-12")))
    if at_margin_one and result.at_margin_one is None:
        problems.append("the start does not separate the data, so its residuals have no margin-1 reading")
    for name, limit in [("epsilon", max_epsilon), ("delta", max_delta), ("tau", max_tau)]:
        if limit is None or (at_margin_one and result.at_margin_one is None):
            continue
        value = result.at_margin_one[name] if at_margin_one else getattr(result, name)
        if not value.proved_at_most(Fraction(_exact(limit, "max_" + name))):
            problems.append("certified %s = %s on the retained data%s is not proved ≤ %s"
                            % (name, value, " at margin 1" if at_margin_one else " at your scale", limit))
    if problems:
        raise AssertionError("\n".join(problems + [_residuals(result)]))
    return result


def _step_problem(result, w_unlearned, tolerance):
    lines = ["the unlearning step differs from the exact one (%s):" % ("undecided at the working precision" if result.verdict == "undecided" else "outside tolerance")]
    lines.append("  normwise relative error %s, tolerance %s: it looks like %s" % (result.normwise_error, tolerance, result.reading))
    lines.append("  largest error at %s: yours %r, exact %s (difference %s)" % (
        result.largest_error_position, result.yours, result.exact, "%.3g" % abs(result.yours - result.exact.approx)))
    if result.json.get("max_ulps_allowed") is not None:
        lines.append("  most ulps: %d at %s (allowed %s)" % (result.max_ulps, result.worst_ulp_position, result.json["max_ulps_allowed"]))
    if result.scale is not None:
        lines.append("  your change is %s × the exact change along its direction%s%s" % (
            result.scale, "" if result.cosine is None else " (cosine %s)" % result.cosine, _reading(result)))
    bits = source_precision(w_unlearned)
    if result.reading == "float32 rounding" or (bits is not None and bits < 64):
        bits = bits if bits in (16, 32) else 32
        lines.append("  your unlearned weights hold float%d values: a correct float%d step is off by about 2^-%d relative; "
                     "pass a tolerance near that" % (bits, bits, {16: 11, 32: 24}[bits]))
    return "\n".join(lines)


def _reading(result):
    if result.cosine is None:
        return "; your weights did not move"
    cosine, scale = result.cosine.approx, result.scale.approx
    if cosine < -0.99:
        return ": a descent step where the exact one ascends (wrong sign)"
    if cosine > 0.99 and abs(scale - 1) > 1e-3:
        return ": the right direction with β off by a factor %.6g" % scale
    if abs(cosine) < 0.9:
        return ": it moves in another direction (a wrong point, label or neuron sign?)"
    return ""


def _residuals(result):
    line = "  your model on the retained data: epsilon %s, delta %s, tau %s at your scale" % (result.epsilon, result.delta, result.tau)
    one = result.at_margin_one
    if one is not None:
        line += "; at margin 1 (ρ = %s): epsilon %s, delta %s, tau %s" % (result.rho, one["epsilon"], one["delta"], one["tau"])
    return "\n".join([line] + ["  warning: " + w for w in result.warnings])


def instance(X=None, y=None, forget=0, setting="linear", *, width=None, gamma=None, loss="logistic", step_scale=None,
             step=None, start=None, weights=None, generator=None, n=None, d=None, seed=None, theorems=None, tool=None,
             timeout=None, keep=None):
    """Analyses one instance exactly: the KKT point, the step, every quantity and each claim's verdict.

    Give the data (``X``, ``y``) or a ``generator`` with ``n``, ``d`` and
    ``seed``. ``start`` is "kkt" or "trained", or give starting ``weights``.
    Returns an :class:`InstanceResult`; a REFUTED claim is a verdict in it
    (``result.refuted``), not an exception.
    """
    arguments = ["instance"] + _setting_options(setting, gamma) + ["--forget", _forget(forget), "--loss", loss]
    arguments += _step_options(step_scale, step)
    for flag, value in [("--width", width), ("--start", start), ("--generator", generator), ("--n", n), ("--d", d),
                        ("--seed", seed), ("--theorems", theorems)]:
        if value is not None:
            arguments += [flag, os.fspath(value) if flag == "--theorems" else str(value)]
    if (X is None) != (y is None):
        raise ValueError("give both X and y, or neither (with a generator)")
    with _directory(keep) as directory:
        if X is not None:
            arguments += ["--data", save(directory, "X", X), "--labels", save(directory, "y", y)]
        if weights is not None:
            arguments += ["--weights", save(directory, "w", model_weights(weights, "weights"))]
        _, document, command = run_json(tool, arguments, timeout=timeout)
    return InstanceResult.from_json(document, command)


def check_data(X, y=None, *, theorems=None, tool=None, timeout=None):
    """Near-orthogonality of the data and the catalog hypotheses it decides (:class:`DataReview`)."""
    arguments = ["check-data"] + (["--theorems", os.fspath(theorems)] if theorems is not None else [])
    with _directory(None) as directory:
        arguments += ["--data", save(directory, "X", X)]
        if y is not None:
            arguments += ["--labels", save(directory, "y", y)]
        _, document, _ = run_json(tool, arguments, timeout=timeout, accepted=(0,))
    return DataReview.from_json(document)


class _Kept:
    """A caller's directory, made if missing and left in place."""

    def __init__(self, path):
        self.path = os.fspath(path)

    def __enter__(self):
        os.makedirs(self.path, exist_ok=True)
        return self.path

    def __exit__(self, *exception):
        return False


def _directory(keep):
    return _Kept(keep) if keep is not None else tempfile.TemporaryDirectory(prefix="unlearning-check-")
