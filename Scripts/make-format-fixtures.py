#!/usr/bin/env python3
"""Writes the .npz and .safetensors fixtures of Tests/UnlearningTests/Formats with
the real numpy, scipy and safetensors packages (pip install numpy scipy safetensors), and
expected.json with every value as an exact fraction for the Swift tests.

`--sparse-only` writes only the scipy.sparse.save_npz fixtures (CSR deflated, CSC
stored, COO), whose dense form is sparse_dense in expected.json.

BF16 has no numpy dtype, so the one BF16 tensor is written by hand in the
format's documented layout (8-byte header length, JSON header, raw data)."""
import json, os, struct, sys
from fractions import Fraction
import numpy as np

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "UnlearningTests", "Formats")
os.makedirs(out, exist_ok=True)


def sparse_fixtures():
    """The matrix [[0.1, 0, -2.5, 0], [0, 0, 0, 0], [3, 1e-300, 0, -7]] as scipy saves it."""
    import scipy.sparse as sp
    dense = np.array([[0.1, 0, -2.5, 0], [0, 0, 0, 0], [3, 1e-300, 0, -7]], dtype=np.float64)
    sp.save_npz(os.path.join(out, "sparse_csr.npz"), sp.csr_matrix(dense), compressed=True)
    sp.save_npz(os.path.join(out, "sparse_csc.npz"), sp.csc_matrix(dense), compressed=False)
    sp.save_npz(os.path.join(out, "sparse_coo.npz"), sp.coo_matrix(dense))
    return dense


if sys.argv[1:] == ["--sparse-only"]:
    sparse_fixtures()
    sys.exit(0)

from safetensors.numpy import save_file  # noqa: E402 (only the full set needs it)
X = np.array([[0.1, -2.5, 3.0], [1e-300, 5e-324, -0.0]], dtype=np.float64)
y = np.array([1.0, -1.0], dtype=np.float64)
np.savez(os.path.join(out, "stored.npz"), X=X, y=y)
np.savez_compressed(os.path.join(out, "deflated.npz"), X=X, y=y)
save_file({"X": X, "X32": X.astype(np.float32), "X16": np.array([[0.5, -2.0], [65504.0, 2 ** -24]], dtype=np.float16),
           "labels": np.array([1, -1], dtype=np.int64), "small": np.array([7, -8], dtype=np.int8)},
          os.path.join(out, "weights.safetensors"))
# BF16 by hand: 1.0, -2.0, 0.15625 (exact in BF16: 0x3F80, 0xC000, 0x3E20).
data = struct.pack("<3H", 0x3F80, 0xC000, 0x3E20)
header = json.dumps({"W": {"dtype": "BF16", "shape": [3], "data_offsets": [0, len(data)]}}).encode()
with open(os.path.join(out, "bf16.safetensors"), "wb") as f:
    f.write(struct.pack("<Q", len(header)) + header + data)

def exact(a):
    return [str(Fraction(float(v))) for v in np.asarray(a, dtype=np.float64).ravel()]
expected = {"X": exact(X), "y": exact(y), "X32": exact(X.astype(np.float32)),
            "X16": exact(np.array([[0.5, -2.0], [65504.0, 2 ** -24]], dtype=np.float16)),
            "labels": ["1", "-1"], "small": ["7", "-8"], "W": ["1", "-2", "5/32"],
            "sparse_dense": exact(sparse_fixtures())}
with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
print("wrote", sorted(os.listdir(out)), file=sys.stderr)
