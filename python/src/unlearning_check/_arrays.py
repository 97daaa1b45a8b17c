"""Arrays from numpy, PyTorch, JAX or anything with ``__array__``, saved as .npy.

Floating arrays are widened to float64, which is exact, so the tool reads the
very numbers the caller computed with. Integer arrays are kept as integers.
"""
import os

import numpy as np


def as_numpy(value, name):
    """``value`` as a numpy array of float64 (floats) or int64 (integers)."""
    original = value
    # PyTorch: a tensor that requires grad, or lives on a device, must come to the CPU first.
    if hasattr(value, "detach") and callable(value.detach):
        value = value.detach()
    if hasattr(value, "cpu") and callable(value.cpu):
        value = value.cpu()
    try:
        array = np.asarray(value)
    except Exception as error:  # the caller's object refused to become an array
        raise TypeError("%s: cannot be read as an array (%s): %s" % (name, type(original).__name__, error)) from None
    if array.dtype == np.bool_:
        raise TypeError("%s: booleans are not numbers here; give ±1 labels or float values" % name)
    if np.issubdtype(array.dtype, np.floating):
        return array.astype(np.float64)  # exact: every float16/32 is a float64
    if np.issubdtype(array.dtype, np.integer):
        return array.astype(np.int64)
    if array.dtype == object:
        try:
            return array.astype(np.float64)
        except (TypeError, ValueError):
            pass
    raise TypeError("%s: dtype %s is not a real number type" % (name, array.dtype))


def model_weights(value, name):
    """The weights of a model object, refusing one with an intercept.

    The theory's models are homogeneous: y N(x; θ) has no bias term, and
    dropping a fitted intercept silently would compare a different model. An
    sklearn linear model (``coef_``, ``intercept_``) or a PyTorch
    ``nn.Linear`` (``weight``, ``bias``) gives its weights when the intercept
    is absent or zero; any other value is returned as it is.
    """
    if hasattr(value, "coef_"):
        weights, intercept = value.coef_, getattr(value, "intercept_", None)
    elif hasattr(value, "weight") and hasattr(value, "bias") and not hasattr(value, "shape"):
        weights, intercept = value.weight, value.bias
    else:
        return value
    if intercept is not None and np.any(as_numpy(intercept, name + " intercept") != 0):
        raise ValueError(
            "%s: the model has an intercept (%s), but the theory's models have no bias term; refit without one "
            "(sklearn: fit_intercept=False; torch: bias=False), or append a constant column to X and pass "
            "[weights, intercept] as the weights" % (name, np.array2string(as_numpy(intercept, name).ravel(), precision=6)))
    return weights


def source_precision(value):
    """The caller's floating precision in bits (16, 32, 64), or None for integers."""
    dtype = getattr(value, "dtype", None)
    text = str(dtype) if dtype is not None else ""
    for bits in ("16", "32", "64"):
        if text.endswith("float" + bits):
            return int(bits)
    return None


def save(directory, name, value):
    """Saves ``value`` as ``directory/name.npy`` and returns the path."""
    path = os.path.join(directory, name + ".npy")
    np.save(path, as_numpy(value, name), allow_pickle=False)
    return path
