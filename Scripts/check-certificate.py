#!/usr/bin/env python3
"""check-certificate.py: re-check unlearning-check's verdicts without trusting it.

    python3 Scripts/check-certificate.py [--catalog THEOREMS_DIR] CERT.json|DIR [...]

Reads each certificate written by `unlearning-check instance|run|sweep
--certificate DIR` and, from the data and the witnesses in it alone,
recomputes every quantity its claims read by the definitions below, verifies
the witnesses (KKT conditions, NNLS optimality), re-decides each claim, and
compares with the certificate. With --catalog, it also checks that the
certificate's claims are the catalog's, word for word up to spacing, and that
its catalog hash is that directory's. Standard library only; it shares no
code with the Swift package. Where numpy is installed it runs the exact
integer passes over the data (the Gram matrix, X^T z) vectorised, with the
same exact answers (the argument is in Data's docstring); --pure keeps to the
standard library. No step is probabilistic.

Definitions (the model N(x; W) = sum_k a_k phi(<w_k, x>)):
- linear: one block, a = 1, phi = id. Two-layer: a_k = s_k / sqrt(m),
  phi(z) = max(gamma z, z), phi'(z) = 1 for z > 0 and gamma for z <= 0.
  The certificate stores v_k = sqrt(m) w_k (v = w for linear), so
  N(x) = omega sum_k s_k phi(<v_k, x>) with omega = 1/m (1 for linear), the
  gradient in v-coordinates is y s_k phi'(<v_k, x>) x per block, and every
  squared norm of W is omega * sum_k ||v_k||^2.
- A parameter block is v_k = scale * B_k + sum_i C_ki x_i (B from a file,
  or absent); all inner products are exact rationals from the Gram matrix.
- The step: theta' = theta + a * g_r with g_r = y_r grad N(x_r; theta) and
  a = beta l'(q_r) (exact -c lambda_r when beta = c beta*).
- q_i = y_i N(x_i; theta); tau = max(0, max_{i!=r} (1 - q'_i));
  delta = max_{i!=r} lambda_i (q'_i - 1); eps^2 = ||theta' - sum_{i!=r}
  lambda_i y_i grad N(x_i; theta')||^2; eps_opt: the same minimised over
  lambda >= 0 (witness: NNLS optimality); rescaled theta'' = theta'/mu,
  mu = min_{i!=r} q'_i, with multipliers lambda/mu.
- p = R_min^2 / ((R_max^2/R_min^2) n zeta); for zeta = 0 (p-orthogonal for
  every p) the claims are decided at p = 2^64.
Transcendentals (sqrt, exp, log, Phi) are enclosed by interval arithmetic
over fractions with outward rounding: sqrt by integer square roots, exp and
Phi by Taylor series with a geometric tail bound (ratio <= 1/2), log by the
atanh series, pi by Machin's formula, Phi far in the tail by the enveloping
asymptotic series (DLMF 7.12(ii)).

Exit status: 0 every verdict confirmed; 1 a certificate is wrong or a
verdict cannot be confirmed; 65 a certificate or its data is malformed.
"""

import ast
import hashlib
import json
import math
import operator
import os
import re
import struct
import sys
from fractions import Fraction

try:
    import numpy  # optional: exact integer passes over large data, vectorised (see Data)
except ImportError:
    numpy = None

PRECISIONS = (128, 512, 2048)
# Exact rationals of a large instance (n = 100) have numerators of thousands of digits; Python's
# default limit on int/str conversion (4300 digits) is a guard for untrusted text, so it is raised to a
# bound that still refuses absurd inputs quickly.
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(1_000_000)
# numpy's exact integer passes over the data (Data); --pure keeps to the standard library.
VECTORISED = numpy is not None
SQUARE_ROOTS = {"epsilon": "epsilon2", "epsilon_rescaled": "epsilon_rescaled2", "epsilon_opt": "epsilon_opt2",
                "epsilon_start": "epsilon_start2", "norm_retrained": "norm_retrained2", "norm_rescaled": "norm_rescaled2",
                "distance_to_retrained": "distance_to_retrained2",
                "distance_rescaled_to_retrained": "distance_rescaled_to_retrained2"}


class Malformed(Exception):
    """The certificate or its data cannot be read (exit 65)."""


class Wrong(Exception):
    """A witness or value in the certificate is false (exit 1)."""


class Undecided(Exception):
    """An enclosure too wide to decide at this precision."""


# ---------------------------------------------------------------- intervals

def bits(x):
    """floor(log2 |x|) for x != 0, approximately (within 1)."""
    return x.numerator.bit_length() - x.denominator.bit_length()


def round_down(x, p):
    if x == 0:
        return x
    e = p - bits(x)
    if e <= 0:
        return Fraction(math.floor(x / 2 ** -e)) * 2 ** -e if e < 0 else Fraction(math.floor(x))
    return Fraction(math.floor(x * 2 ** e), 2 ** e)


def round_up(x, p):
    return -round_down(-x, p)


class Iv:
    """A closed interval [lo, hi] with rational endpoints (exact when lo == hi)."""
    __slots__ = ("lo", "hi")

    def __init__(self, lo, hi=None):
        self.lo = lo if type(lo) is Fraction else Fraction(lo)
        if hi is None:
            self.hi = self.lo
            return
        self.hi = hi if type(hi) is Fraction else Fraction(hi)
        if self.lo > self.hi:
            raise ValueError("empty interval")

    # An exact value has one Fraction object at both ends; a point reached as an interval compares equal.
    exact = property(lambda s: s.lo is s.hi or s.lo == s.hi)

    def __add__(s, o):
        o = iv(o)
        if s.lo is s.hi and o.lo is o.hi:
            return Iv(s.lo + o.lo)
        return Iv(s.lo + o.lo, s.hi + o.hi)

    __radd__ = __add__

    def __neg__(s):
        return Iv(-s.lo) if s.lo is s.hi else Iv(-s.hi, -s.lo)

    def __sub__(s, o):
        return s + (-iv(o))

    def __rsub__(s, o):
        return iv(o) - s

    def __mul__(s, o):
        o = iv(o)
        if s.exact and o.exact:
            return Iv(s.lo * o.lo)
        ps = (s.lo * o.lo, s.lo * o.hi, s.hi * o.lo, s.hi * o.hi)
        return Iv(min(ps), max(ps))

    __rmul__ = __mul__

    def __truediv__(s, o):
        o = iv(o)
        if o.lo <= 0 <= o.hi:
            raise Undecided("division by an interval containing 0")
        return s * Iv(1 / o.hi, 1 / o.lo)

    def __rtruediv__(s, o):
        return iv(o) / s

    def __pow__(s, k):
        if k < 0:
            return Iv(1) / (s ** -k)
        if k % 2 == 0 and s.lo < 0 < s.hi:
            return Iv(0, max(-s.lo, s.hi) ** k)
        a, b = s.lo ** k, s.hi ** k
        return Iv(min(a, b), max(a, b))

    def __abs__(s):
        if s.lo >= 0:
            return s
        if s.hi <= 0:
            return -s
        return Iv(0, max(-s.lo, s.hi))

    def rounded(s, p):
        return Iv(round_down(s.lo, p), round_up(s.hi, p))

    def __repr__(s):
        return "[%s, %s]" % (s.lo, s.hi) if not s.exact else str(s.lo)


def iv(x):
    return x if isinstance(x, Iv) else Iv(x)


def imax(*xs):
    return Iv(max(x.lo for x in xs), max(x.hi for x in xs))


def imin(*xs):
    return Iv(min(x.lo for x in xs), min(x.hi for x in xs))


def certainly_le(a, b):
    if a.hi <= b.lo:
        return True
    if a.lo > b.hi:
        return False
    return None


def compare(a, op, b):
    """Three-valued a op b (None: undecided)."""
    if op == "<=":
        return certainly_le(a, b)
    if op == ">=":
        return certainly_le(b, a)
    if op == "<":
        return True if a.hi < b.lo else (False if a.lo >= b.hi else None)
    if op == ">":
        return True if a.lo > b.hi else (False if a.hi <= b.lo else None)
    if op == "==":
        if a.exact and b.exact:
            return a.lo == b.lo
        return False if (a.hi < b.lo or b.hi < a.lo) else None
    raise Malformed("unknown comparison " + op)


# ------------------------------------------------------ elementary functions

def sqrt_iv(x, p):
    """[floor, ceil] of sqrt at about p bits; exact for squares of rationals."""
    if x.lo < 0:
        if x.hi < 0:
            raise Wrong("square root of a negative value")
        raise Undecided("square root of an interval reaching below 0")

    def lower(v, up):
        if v == 0:
            return Fraction(0)
        n, d = v.numerator, v.denominator
        rn, rd = math.isqrt(n), math.isqrt(d)
        if rn * rn == n and rd * rd == d:
            return Fraction(rn, rd)
        k = max(0, p - bits(v) // 2 + 2)
        s = math.isqrt(n * 4 ** k // d)
        return Fraction(s + 1 if up else s, 2 ** k)
    return Iv(lower(x.lo, False), lower(x.hi, True))


def exp_point(x, p, up):
    """A lower (up=False) or upper bound of exp(x) for a rational x."""
    if x < 0:
        return 1 / exp_point(-x, p, not up)
    k = max(0, bits(x) + 2) if x != 0 else 0
    y = round_up(x / 2 ** k, p + 16) if up else round_down(x / 2 ** k, p + 16)
    # For 0 <= y <= 1/2: sum_{j<N} y^j/j! <= e^y <= that + 2 y^N/N!.
    total, term, j = Fraction(0), Fraction(1), 0
    eps = Fraction(1, 2 ** (p + k + 24))
    while term > eps or j < 2:
        total += term
        j += 1
        term = round_up(term * y / j, p + k + 32) if up else round_down(term * y / j, p + k + 32)
    result = total + 2 * term if up else total
    for _ in range(k):
        result = round_up(result * result, p + 24) if up else round_down(result * result, p + 24)
    return result


def exp_iv(x, p):
    return Iv(exp_point(x.lo, p, False), exp_point(x.hi, p, True))


def atanh_sum(z, p, up):
    """Bounds of atanh(z) = sum z^(2j+1)/(2j+1), 0 <= z <= 1/3."""
    total, power, j = Fraction(0), z, 0
    eps = Fraction(1, 2 ** (p + 24))
    while power > eps:
        total += power / (2 * j + 1)
        j += 1
        power = power * z * z
    # tail <= z^(2N+1) / ((2N+1)(1 - z^2))
    return total + power / ((2 * j + 1) * (1 - z * z)) if up else total


def log_point(x, p, up):
    if x <= 0:
        raise Wrong("logarithm of a non-positive value")
    e = bits(x)
    m = x / Fraction(2) ** e
    while m < 1:
        m, e = m * 2, e - 1
    while m >= 2:
        m, e = m / 2, e + 1
    z = (m - 1) / (m + 1)
    lz = 2 * atanh_sum(z, p, up)
    l2 = Iv(2 * atanh_sum(Fraction(1, 3), p, False), 2 * atanh_sum(Fraction(1, 3), p, True))
    part = l2 * e
    return (part.hi if up else part.lo) + lz


def log_iv(x, p):
    return Iv(log_point(x.lo, p, False), log_point(x.hi, p, True))


_PI = {}


def pi_iv(p):
    """Machin: pi = 16 atan(1/5) - 4 atan(1/239), alternating series."""
    if p not in _PI:
        def atan_inv(n):
            lo = hi = Fraction(0)
            k, term = 0, Fraction(1, n)
            eps = Fraction(1, 2 ** (p + 16))
            s = Fraction(0)
            while term / (2 * k + 1) > eps:
                s += (-1) ** k * term / (2 * k + 1)
                k += 1
                term /= n * n
            nxt = term / (2 * k + 1)
            lo, hi = (s - nxt, s) if k % 2 == 1 else (s, s + nxt)
            return Iv(lo, hi)
        _PI[p] = atan_inv(5) * 16 - atan_inv(239) * 4
    return _PI[p]


def phi_point(t, p, up):
    """A bound of the standard normal cdf Phi at a rational t."""
    if t < -8:
        x = -t
        # Phi(-x) = pdf(x)/x * sum_k (-1)^k (2k-1)!!/x^(2k): the partial sums
        # envelop the value (DLMF 7.12(ii)); stop at the smallest term.
        s, term, k = Fraction(0), Fraction(1), 0
        while True:
            nxt = -term * (2 * k + 1) / (x * x)
            if abs(nxt) >= abs(term) or k > 60:
                break
            s += term
            term, k = nxt, k + 1
        series = Iv(min(s, s + term), max(s, s + term))
        pdf = exp_iv(Iv(-x * x / 2), p) / sqrt_iv(pi_iv(p) * 2, p)
        value = pdf * series / Iv(x)
        return value.hi if up else value.lo
    if t > 8:
        return 1 - phi_point(-t, p, not up)
    # Phi(t) = 1/2 + t/sqrt(2 pi) * sum_k (-t^2/2)^k / (k! (2k+1)).
    w = p + 80
    tt = t * t / 2
    total, term, k = Iv(0), Iv(1), 0
    while True:
        total = total + term * Fraction((-1) ** k, 2 * k + 1)
        ratio = tt / (k + 1)
        term = (term * ratio).rounded(w)
        k += 1
        if ratio <= Fraction(1, 2) and abs(term).hi < Fraction(1, 2 ** w):
            break
    tail = abs(term).hi * 2
    total = total + Iv(-tail, tail)
    value = Iv(Fraction(1, 2)) + Iv(t) * total / sqrt_iv(pi_iv(p) * 2, p)
    return value.hi if up else value.lo


def phi_iv(x, p):
    return Iv(phi_point(round_down(x.lo, p + 8), p, False), phi_point(round_up(x.hi, p + 8), p, True))


# --------------------------------------------------------------- expressions

TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z_0-9]*)|(<=|>=|==|[-+*/^(),<>]))")


def tokenize(text):
    pos, out = 0, []
    text = text.rstrip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise Malformed("cannot read expression %r at %d" % (text, pos))
        pos = m.end()
        out.append(("num", m.group(1)) if m.group(1) else ("name", m.group(2)) if m.group(2) else ("sym", m.group(3)))
    return out


class Parser:
    """expression := term (("+"|"-") term)*; term := unary (("*"|"/") unary)*;
    unary := ("-"|"+") unary | power; power := primary ("^" unary)?"""

    def __init__(self, text):
        self.t, self.i = tokenize(text), 0

    def peek(self):
        return self.t[self.i] if self.i < len(self.t) else ("end", None)

    def take(self, value=None):
        tok = self.peek()
        if value is not None and tok[1] != value:
            raise Malformed("expected %r in expression" % value)
        self.i += 1
        return tok

    def expression(self):
        node = self.term()
        while self.peek()[1] in ("+", "-"):
            node = (self.take()[1], node, self.term())
        return node

    def term(self):
        node = self.unary()
        while self.peek()[1] in ("*", "/"):
            node = (self.take()[1], node, self.unary())
        return node

    def unary(self):
        if self.peek()[1] in ("-", "+"):
            op = self.take()[1]
            inner = self.unary()
            return ("neg", inner) if op == "-" else inner
        return self.power()

    def power(self):
        base = self.primary()
        if self.peek()[1] == "^":
            self.take()
            return ("^", base, self.unary())
        return base

    def primary(self):
        kind, value = self.take()
        if kind == "num":
            return ("num", Fraction(value))
        if kind == "name":
            if self.peek()[1] == "(":
                self.take("(")
                args = [self.expression()]
                while self.peek()[1] == ",":
                    self.take()
                    args.append(self.expression())
                self.take(")")
                return ("call", value, args)
            return ("name", value)
        if value == "(":
            node = self.expression()
            self.take(")")
            return node
        raise Malformed("unexpected %r in expression" % (value,))


def parse_condition(text):
    """('flag', name, negated) or ('rel', lhs, op, rhs)."""
    words = text.split()
    if len(words) == 1 and re.fullmatch(r"[A-Za-z_]\w*", words[0]):
        return ("flag", words[0], False)
    if len(words) == 2 and words[0] == "not" and re.fullmatch(r"[A-Za-z_]\w*", words[1]):
        return ("flag", words[1], True)
    p = Parser(text)
    lhs = p.expression()
    op = p.take()[1]
    if op not in ("<=", ">=", "<", ">", "=="):
        raise Malformed("expected a comparison in %r" % text)
    rhs = p.expression()
    if p.peek()[0] != "end":
        raise Malformed("trailing text in %r" % text)
    return ("rel", lhs, op, rhs)


def names_of(node, out):
    if node[0] == "name":
        out.add(node[1])
    elif node[0] in ("neg",):
        names_of(node[1], out)
    elif node[0] == "call":
        for a in node[2]:
            names_of(a, out)
    elif node[0] in "+-*/^":
        names_of(node[1], out)
        names_of(node[2], out)


def evaluate(node, env, p):
    kind = node[0]
    if kind == "num":
        return Iv(node[1])
    if kind == "name":
        if node[1] == "pi" and "pi" not in env.constants:
            return pi_iv(p)
        return env.scalar(node[1], p)
    if kind == "neg":
        return -evaluate(node[1], env, p)
    if kind == "call":
        args = [evaluate(a, env, p) for a in node[2]]
        f = node[1]
        if f == "sqrt":
            return sqrt_iv(args[0], p)
        if f == "exp":
            return exp_iv(args[0].rounded(p + 8), p)
        if f == "log":
            return log_iv(args[0], p)
        if f == "log1p":
            return log_iv(args[0] + 1, p)
        if f == "Phi":
            return phi_iv(args[0], p)
        if f == "abs":
            return abs(args[0])
        if f == "min":
            return imin(*args)
        if f == "max":
            return imax(*args)
        raise Malformed("unsupported function " + f)
    a, b = evaluate(node[1], env, p), evaluate(node[2], env, p)
    if kind == "+":
        return a + b
    if kind == "-":
        return a - b
    if kind == "*":
        return a * b
    if kind == "/":
        return a / b
    if kind == "^":
        if not b.exact or b.lo.denominator != 1:
            raise Malformed("only integer powers are supported")
        return a ** int(b.lo)
    raise Malformed("bad expression node")


# ---------------------------------------------------------------- .npy files

def read_npy(path, expected_sha, vectorised=False):
    """The array of a .npy file whose SHA-256 is `expected_sha`: (descr, shape, rows), rows a list of
    lists of Python numbers, or, when `vectorised`, one read-only numpy array over the file's bytes."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise Malformed("%s: %s" % (path, e.strerror))
    if hashlib.sha256(raw).hexdigest() != expected_sha:
        raise Wrong("%s: SHA-256 does not match the certificate" % os.path.basename(path))
    if len(raw) < 10 or raw[:6] != b"\x93NUMPY" or raw[6] not in (1, 2):
        raise Malformed("%s: not a .npy file" % path)
    if len(raw) < (10 if raw[6] == 1 else 12):
        raise Malformed("%s: truncated .npy header" % path)
    if raw[6] == 1:
        (hlen,), start = struct.unpack("<H", raw[8:10]), 10
    else:
        (hlen,), start = struct.unpack("<I", raw[8:12]), 12
    if len(raw) < start + hlen:
        raise Malformed("%s: truncated .npy header" % path)
    try:
        header = ast.literal_eval(raw[start:start + hlen].decode("latin1"))
        descr, fortran, shape = header["descr"], header["fortran_order"], tuple(header["shape"])
    except (ValueError, SyntaxError, KeyError, TypeError):
        raise Malformed("%s: unreadable .npy header" % path)
    if descr not in ("<i8", "<f8") or fortran or len(shape) != 2 or not all(type(e) is int and e >= 0 for e in shape):
        raise Malformed("%s: expected a C-order 2-d <i8 or <f8 array" % path)
    count = shape[0] * shape[1]
    if len(raw) - start - hlen != 8 * count:
        raise Malformed("%s: %d data bytes for shape %s" % (path, len(raw) - start - hlen, shape))
    if vectorised:
        array = numpy.frombuffer(raw, dtype=descr, count=count, offset=start + hlen).reshape(shape)
        if descr == "<f8" and not numpy.isfinite(array).all():
            raise Malformed("%s: a value is not finite" % path)
        return descr, shape, array
    values = struct.unpack("<%d%s" % (count, "q" if descr == "<i8" else "d"), raw[start + hlen:])
    if descr == "<f8" and not all(math.isfinite(v) for v in values):
        raise Malformed("%s: a value is not finite" % path)
    rows = [list(values[i * shape[1]:(i + 1) * shape[1]]) for i in range(shape[0])]
    return descr, shape, rows


class Data:
    """The n x d integer numerators M of the data (x_ij = M_ij / D), and the exact integer passes over them.

    Pure Python keeps M as lists of ints. With numpy (and not --pure) M is one int64 array, and the
    O(n d) and O(n^2 d) passes run vectorised; every result is the same exact integer either way:
    - gram(): M M^T in binary64 blocks of columns. Each |M_ik| <= B <= 2^26, so every product
      M_ik M_jk is an integer of magnitude <= B^2 and every partial sum over a block of L columns
      is an integer of magnitude <= L B^2 <= 2^51 < 2^53: binary64 represents all of them
      exactly, so whatever order or fusing (FMA) the BLAS dot products use, each block's entry
      is the exact integer sum. (This assumes dgemm forms each entry as a sum of the products,
      as the reference BLAS, OpenBLAS and MKL do; it uses no Strassen-type recombination.) The
      blocks are summed as exact integers: int64 when d B^2 < 2^62, Python integers otherwise.
      For B > 2^26 the pure-Python path is used.
    - combination(z) = M^T z for small integer z: int64 while sum |z_i| B < 2^62, else Python.
    """

    def __init__(self, rows_or_array, shape):
        self.n, self.d = shape
        self.array = rows_or_array if numpy is not None and not isinstance(rows_or_array, list) else None
        self.rows = rows_or_array if self.array is None else None
        if self.array is not None:
            self.bound = max(int(self.array.max()), -int(self.array.min())) if self.array.size else 0

    def row(self, i):
        return self.rows[i] if self.array is None else [int(v) for v in self.array[i].tolist()]

    def entry(self, i, k):
        return self.rows[i][k] if self.array is None else int(self.array[i, k])

    def gram(self):
        n = self.n
        if self.array is None or self.bound > 2 ** 26:
            rows = [self.row(i) for i in range(n)] if self.rows is None else self.rows
            return [[dot(rows[i], rows[j]) for j in range(n)] for i in range(n)]
        if self.bound == 0:
            return [[0] * n for _ in range(n)]
        block = max(1, 2 ** 51 // (self.bound * self.bound))
        small = self.d * self.bound * self.bound < 2 ** 62
        total = numpy.zeros((n, n), dtype=numpy.int64) if small else [[0] * n for _ in range(n)]
        for start in range(0, self.d, block):
            part = numpy.ascontiguousarray(self.array[:, start:start + block], dtype=numpy.float64)
            product = part @ part.T
            if small:
                total += product.astype(numpy.int64)
            else:
                values = product.astype(numpy.int64).tolist()
                for i in range(n):
                    for j in range(n):
                        total[i][j] += values[i][j]
        return total.tolist() if small else total

    def combination(self, z):
        """M^T z, exactly, as a list of Python ints."""
        if self.array is not None and sum(abs(t) for t in z) * self.bound < 2 ** 62:
            return [int(v) for v in (numpy.array(z, dtype=numpy.int64) @ self.array).tolist()]
        column = [0] * self.d
        for i in range(self.n):
            row = self.row(i)
            for k in range(self.d):
                column[k] += z[i] * row[k]
        return column


def dot(a, b):
    return sum(map(operator.mul, a, b))


# --------------------------------------------------------- the certificate

def frac(s, what):
    if not isinstance(s, str) or not re.fullmatch(r"-?\d+(/\d+)?", s):
        raise Malformed("%s is not an exact rational string" % what)
    value = Fraction(s)
    return value


def field(obj, key, kind, what=None):
    if not isinstance(obj, dict) or key not in obj or not isinstance(obj[key], kind):
        raise Malformed("missing or mistyped %r%s" % (key, " in " + what if what else ""))
    return obj[key]


class Block:
    """v = b * B_k + sum_i c_i x_i, with b, c_i intervals (c is never changed after construction)."""
    __slots__ = ("b", "c", "k", "ints")

    def __init__(self, b, c, k=0):
        self.b, self.c, self.k, self.ints = b, c, k, None

    def integer_form(self):
        """(C, e) with c_i = C_i / e exactly (integers over one common denominator), or None when a
        coefficient is an enclosure. Sums over the Gram matrix then run in integers, not fractions."""
        if self.ints is None:
            self.ints = False
            if all(x.lo is x.hi or x.lo == x.hi for x in self.c):
                e = 1
                for x in self.c:
                    e = math.lcm(e, x.lo.denominator)
                self.ints = ([x.lo.numerator * (e // x.lo.denominator) for x in self.c], e)
        return self.ints or None

    def plus(self, other, t):
        return Block(self.b + other.b * t, [x + y * t for x, y in zip(self.c, other.c)])

    def times(self, t):
        return Block(self.b * t, [x * t for x in self.c])


class Checker:
    def __init__(self, path):
        self.path = path
        self.dir = os.path.dirname(os.path.abspath(path))
        try:
            with open(path, "rb") as f:
                self.cert = json.loads(f.read().decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as e:
            raise Malformed("%s: not a readable JSON certificate (%s)" % (path, e))
        c = self.cert
        if not isinstance(c, dict) or c.get("format") != "unlearning-check certificate 1":
            raise Malformed("%s: not an unlearning-check certificate (format 1)" % path)
        inst = field(c, "instance", dict)
        self.name = field(inst, "name", str)
        self.n, self.d = field(inst, "n", int), field(inst, "d", int)
        # One forgotten index r, or a forget set F (sorted, distinct, at least two) forgotten in one step.
        forget = inst.get("forget")
        if isinstance(forget, int) and not isinstance(forget, bool):
            self.F = [forget]
        elif isinstance(forget, list) and len(forget) >= 2 and all(isinstance(r, int) and not isinstance(r, bool) for r in forget) \
                and forget == sorted(set(forget)):
            self.F = forget
        else:
            raise Malformed("'forget' must be an index or a sorted list of at least two distinct indices")
        if not all(0 <= r < self.n for r in self.F) or len(self.F) >= self.n:
            raise Malformed("forget index out of range")
        self.r = self.F[0]
        self.single = len(self.F) == 1
        self.loss = field(inst, "loss", str)
        model = field(inst, "model", dict)
        self.kind = field(model, "kind", str)
        self.signs = field(model, "outer_signs", list)
        self.gamma = frac(field(model, "gamma", str), "gamma")
        self.m = len(self.signs)
        if self.kind == "linear":
            if self.signs != [1] or self.gamma != 1:
                raise Malformed("a linear model has one block and phi = id")
            self.omega, start = Fraction(1), model.get("start", "kkt")
        elif self.kind == "two-layer":
            if self.m < 2 or self.m % 2 or self.signs != [1] * (self.m // 2) + [-1] * (self.m // 2) or not 0 <= self.gamma < 1:
                raise Malformed("a two-layer model has even width, signs +1 then -1, and 0 <= gamma < 1")
            self.omega, start = Fraction(1, self.m), field(model, "start", str)
        else:
            raise Malformed("unknown model kind " + self.kind)
        # A given start (--weights) is checked as a trained one, in either setting: normalized, NNLS multipliers.
        self.start_kind = {"weights": "trained"}.get(start, start)
        self.mixture = inst.get("mixture")
        self.y = field(c, "labels", list)
        if len(self.y) != self.n or any(v not in (1, -1) for v in self.y):
            raise Malformed("labels must be n values of +1 or -1")
        self.retained = [i for i in range(self.n) if i not in self.F]
        # The data, exactly: x_ij = M_ij / D.
        data = field(c, "data", dict)
        descr, shape, values = read_npy(os.path.join(self.dir, os.path.basename(field(data, "file", str))), field(data, "sha256", str),
                                        vectorised=VECTORISED)
        if descr != "<i8" or shape != (self.n, self.d):
            raise Malformed("the data must be an n x d int64 array")
        self.M = Data(values, shape)
        self.D = frac(field(data, "denominator", str), "denominator")
        if self.D <= 0:
            raise Malformed("the data denominator must be positive")
        # G = Gint / D^2: the exact Gram matrix, and its integers for sums with integer coefficients.
        self.Gint, self.G_scale = self.M.gram(), self.D * self.D
        self.G = [[Fraction(g) / self.G_scale for g in row] for row in self.Gint]
        self.base = None
        self.values = {}
        self.beta = self.c_scale = self.opt_widen = self.rho = None
        self.constants = {}

    # -- parameters -------------------------------------------------------

    def parameters(self, obj, what):
        params = field(obj, "parameters", dict, what)
        blocks = []
        base = params.get("base")
        coefficients = params.get("coefficients")
        if base is not None:
            descr, shape, rows = read_npy(os.path.join(self.dir, os.path.basename(field(base, "file", str))), field(base, "sha256", str))
            if descr != "<f8" or shape != (self.m, self.d):
                raise Malformed("a base must be an m x d float64 array")
            scale = frac(field(base, "scale", str), "scale")
            ints, dens = [], []
            for row in rows:
                ratios = [v.as_integer_ratio() for v in row]
                den = max(q for _, q in ratios)
                ints.append([p_ * (den // q) for p_, q in ratios])
                dens.append(den)
            # <B_k, x_i> and ||B_k||^2, exactly.
            data_rows = [self.M.row(i) for i in range(self.n)]
            self.base = {
                "pre": [[Fraction(dot(ints[k], data_rows[i])) / (dens[k] * self.D) for i in range(self.n)] for k in range(self.m)],
                "norm2": [Fraction(dot(ints[k], ints[k])) / (dens[k] * dens[k]) for k in range(self.m)],
                "first": [Fraction(ints[k][0], dens[k]) for k in range(self.m)],
                "second": [Fraction(ints[k][1] if self.d > 1 else 0, dens[k]) for k in range(self.m)],
            }
            zero = [Iv(0)] * self.n
            blocks = [Block(Iv(scale), list(zero)) for _ in range(self.m)]
        if coefficients is not None:
            if not isinstance(coefficients, list) or len(coefficients) != self.m:
                raise Malformed("%s: one coefficient row per block" % what)
            rows = []
            for row in coefficients:
                if not isinstance(row, list) or len(row) != self.n:
                    raise Malformed("%s: a coefficient row has n entries" % what)
                rows.append([Iv(frac(v, what + " coefficient")) for v in row])
            # v_k = scale B_k + sum_i C_ki x_i (either part may be absent).
            blocks = [Block(blocks[k].b if blocks else Iv(0), rows[k]) for k in range(self.m)]
        if not blocks:
            raise Malformed("%s: no parameters" % what)
        return blocks

    def pre(self, block, i):
        """<v_k, x_i>."""
        form = block.integer_form()
        if form is not None:
            s = Iv(Fraction(dot(form[0], self.Gint[i]), form[1] * self.G_scale))
        else:
            s = sum((cj * self.G[j][i] for j, cj in enumerate(block.c) if not (cj.exact and cj.lo == 0)), Iv(0))
        if self.base is not None and not (block.b.exact and block.b.lo == 0):
            s = s + block.b * self.base["pre"][block.k][i]
        return s

    def inner(self, u, v):
        """<theta_u, theta_v> = omega sum_k <u_k, v_k>."""
        total = Iv(0)
        for k in range(self.m):
            a, b = u[k], v[k]
            s = Iv(0)
            fa, fb = a.integer_form(), b.integer_form()
            if fa is not None and fb is not None:
                # sum_ij a_i b_j G_ij = (A^T Gint B) / (e_a e_b D^2), in integers.
                gb = [dot(row, fb[0]) for row in self.Gint]
                s = Iv(Fraction(dot(fa[0], gb), fa[1] * fb[1] * self.G_scale))
            for i in (range(self.n) if fa is None or fb is None else ()):
                if a.c[i].exact and a.c[i].lo == 0:
                    continue
                row = sum((b.c[j] * self.G[i][j] for j in range(self.n) if not (b.c[j].exact and b.c[j].lo == 0)), Iv(0))
                s = s + a.c[i] * row
            if self.base is not None:
                pre = self.base["pre"][k]
                s = s + a.b * b.b * self.base["norm2"][k]
                s = s + a.b * sum((b.c[i] * pre[i] for i in range(self.n)), Iv(0))
                s = s + b.b * sum((a.c[i] * pre[i] for i in range(self.n)), Iv(0))
            total = total + s
        return total * self.omega

    def tag(self, blocks):
        for k, b in enumerate(blocks):
            b.k = k
        return blocks

    # -- the model ---------------------------------------------------------

    def positive(self, z, what):
        if z.lo > 0:
            return True
        if z.hi <= 0:
            return False
        raise Undecided("the sign of a pre-activation of %s" % what)

    def slope(self, z, what):
        return Fraction(1) if self.kind == "linear" or self.positive(z, what) else self.gamma

    def act(self, z, what):
        return z if self.kind == "linear" else (z if self.positive(z, what) else z * self.gamma)

    def margins(self, theta, what):
        pre = [[self.pre(theta[k], i) for i in range(self.n)] for k in range(self.m)]
        q = [sum((self.act(pre[k][i], what) * self.signs[k] for k in range(self.m)), Iv(0)) * (self.omega * self.y[i]) for i in range(self.n)]
        return pre, q

    def gradient_blocks(self, pre, i, weight, what):
        """weight * y_i grad N(x_i) in v-coordinates, as blocks."""
        out = []
        for k in range(self.m):
            c = [Iv(0)] * self.n
            c[i] = iv(weight) * (self.y[i] * self.signs[k] * self.slope(pre[k][i], what))
            out.append(Block(Iv(0), c))
        return out

    def combination(self, theta, pre, mult, points, what):
        """theta - sum_{i in points} mult_i y_i grad N(x_i; theta)."""
        res = [Block(b.b, list(b.c)) for b in theta]
        for i, mu in zip(points, mult):
            for k, g in enumerate(self.gradient_blocks(pre, i, mu, what)):
                res[k] = res[k].plus(g, Iv(-1))
        return self.tag(res)

    def verify_kkt(self, theta, mult, points, what, strict_positive):
        """theta = sum lambda_i y_i grad N(x_i; theta) coefficient-wise,
        lambda >= 0, q_i >= 1 and lambda_i (q_i - 1) = 0 on `points`."""
        pre, q = self.margins(theta, what)
        pset = dict(zip(points, mult))
        for k in range(self.m):
            if not (theta[k].b.exact and theta[k].b.lo == 0):
                raise Wrong("%s: a KKT point must lie in the span of the data" % what)
            for i in range(self.n):
                expected = pset[i] * self.y[i] * self.signs[k] * self.slope(pre[k][i], what) if i in pset else Fraction(0)
                if not theta[k].c[i].exact or theta[k].c[i].lo != expected:
                    raise Wrong("%s: stationarity fails at block %d, point %d (coefficient %s, expected lambda_i y_i s_k phi' = %s)"
                                % (what, k, i, theta[k].c[i].lo, expected))
        for i, lam in pset.items():
            if lam < 0 or (strict_positive and lam == 0):
                raise Wrong("%s: multiplier of point %d is %s" % (what, i, lam))
            if q[i].lo < 1:
                raise Wrong("%s: margin of point %d is %s < 1" % (what, i, q[i].lo))
            if lam * (q[i].lo - 1) != 0:
                raise Wrong("%s: complementary slackness fails at point %d" % (what, i))
        return pre, q

    def verify_nnls(self, theta, pre, mult, points, what):
        """mu >= 0 minimises ||theta - sum mu_i y_i grad N(x_i)||^2 (phi' fixed
        at theta): gradient g_i = <y_i grad N_i, residual> <= 0 ... i.e.
        h_i = -<y_i grad N_i, rho> >= 0 and mu_i h_i = 0. Returns the minimum."""
        rho = self.combination(theta, pre, mult, points, what)
        for i, mu in zip(points, mult):
            if mu < 0:
                raise Wrong("%s: NNLS multiplier of point %d is negative" % (what, i))
            g = self.tag(self.gradient_blocks(pre, i, Fraction(1), what))
            h = -self.inner(g, rho)
            if h.hi < 0 or (mu > 0 and h.exact and h.lo != 0):
                raise Wrong("%s: the NNLS multipliers are not optimal at point %d" % (what, i))
            if not h.exact and (h.lo < 0 or mu > 0):
                raise Undecided("NNLS optimality of %s" % what)
        return self.inner(rho, rho)

    # -- the analysis ------------------------------------------------------

    def analyse(self):
        """Every quantity the claims read, recomputed from the certificate's
        witnesses by definition, phase by phase: the data; the start (a KKT
        point verified exactly, or a trained or given start with its NNLS
        multipliers); the step and the residuals after it; eps_opt by its
        NNLS witness; the retrained point; the closed forms and the rescaled
        variant; the mixture's test errors."""
        c, v = self.cert, {}
        self.values = v
        self.data_quantities()
        step = field(c, "step", dict)
        rule = field(step, "rule", str)
        v["step_is_scaled"] = rule == "scaled"
        v["loss_logistic"] = Iv(1 if self.loss == "logistic" else 0)
        start = c.get("start")
        v["step_measured"] = start is not None
        v["retrained_measured"] = False
        v["run_measured"] = False
        self.run = None
        if start is None:
            if self.kind != "two-layer" or self.start_kind != "kkt":
                raise Malformed("only a two-layer KKT start may be absent")
            v["kkt_verified"] = False
            if self.mixture is not None:
                v["test_error_exact"] = False  # no start, no test error: the generalization claims are VACUOUS
            self.confirm_no_structured_point()
            return
        theta, lam, pre, q = self.start_quantities(start)
        self.step_values(step, rule, lam, q)
        g, after, pre1, q1 = self.after_step(step, theta, lam, pre, q)
        self.optimal_residual(step, theta, g)
        star = self.retrained_quantities(c.get("retrained"), after, lam)
        self.run_plan(step.get("run"), theta, lam, q)
        if rule == "scaled":
            self.closed_forms(lam, q, q1, after, star)
        if self.mixture is not None:
            self.mixture_boundaries(theta, after, star)

    def data_quantities(self):
        """n, d, R_min^2, R_max^2, zeta, zeta_r, p, the model's m and gamma, the
        Gram identity (linear) and the mixture's parameters."""
        v = self.values
        v["n"], v["d"] = Iv(self.n), Iv(self.d)
        diag = [self.G[i][i] for i in range(self.n)]
        v["R_min2"], v["R_max2"] = Iv(min(diag)), Iv(max(diag))
        off = [abs(self.G[i][j]) for i in range(self.n) for j in range(self.n) if i != j]
        v["zeta"] = Iv(max(off)) if off else Iv(0)
        v["forget_size"] = Iv(len(self.F))
        if self.kind == "two-layer":
            cross = [self.G[i][k] for i in range(self.n) for k in range(i + 1, self.n) if self.y[i] != self.y[k]]
            v["cross_class_inner_max"] = Iv(max(cross)) if cross else Iv(0)
            same = [self.G[i][k] for i in range(self.n) for k in range(i + 1, self.n) if self.y[i] == self.y[k]]
            v["same_class_inner_min"] = Iv(min(same)) if same else Iv(0)
        if self.single:
            v["zeta_r"] = Iv(max(abs(self.G[self.r][i]) for i in self.retained)) if self.retained else Iv(0)
            v["norm_x_r2"] = Iv(diag[self.r])
        if v["zeta"].lo > 0:
            v["p_orthogonality"] = v["R_min2"] / (v["R_max2"] / v["R_min2"] * self.n * v["zeta"])
        elif v["R_min2"].lo > 0:
            # Orthogonal data are p-orthogonal for every p; the claims are decided at p = 2^64.
            v["p_orthogonality"] = Iv(2 ** 64)
        if self.start_kind not in ("kkt", "trained"):
            raise Malformed("unknown start " + self.start_kind)
        v["start_is_trained"] = self.start_kind == "trained"
        if self.kind == "two-layer":
            v["m"], v["gamma"] = Iv(self.m), Iv(self.gamma)
        if self.kind == "linear":
            # z^T G z against ||X^T z||^2 with this checker's own G and its own z (any z: it is an identity of the data).
            z = [(i + 1) * (1 if i % 2 == 0 else -1) for i in range(self.n)]
            column = self.M.combination(z)
            quadratic = sum(z[i] * z[j] * self.G[i][j] for i in range(self.n) for j in range(self.n))
            v["gram_identity_defect"] = Iv(abs(quadratic - Fraction(sum(t * t for t in column)) / (self.D * self.D)))
        if self.mixture is not None:
            v["eta"] = Iv(frac(field(self.mixture, "label_noise", str), "label_noise"))
            v["mu_norm"] = Iv(frac(field(self.mixture, "mu_norm", str), "mu_norm"))
            # (CL4)'s right side: |<mu, -mu>| = mu_norm^2 for P_opp, 0 for orthogonal means.
            means = self.mixture.get("means", "opposite")
            if means not in ("opposite", "orthogonal"):
                raise Malformed("mixture means must be 'opposite' or 'orthogonal', got %r" % (means,))
            if means == "orthogonal" and self.d < 2:
                raise Malformed("orthogonal means need d >= 2")
            self.orthogonal_means = means == "orthogonal"
            v["mean_cross_inner"] = Iv(0) if self.orthogonal_means else v["mu_norm"] * v["mu_norm"]
            # Frei et al.'s noise limits: Cor. 12 (linear) 49/100, Cor. 13 (leaky network) 49 gamma^2/100.
            limit = Fraction(49, 100) * (self.gamma * self.gamma if self.kind == "two-layer" else 1)
            v["eta_limit"] = Iv(limit)

    def start_quantities(self, start):
        """The start verified: an exact KKT point (or a trained or given start
        at margin 1 with optimal NNLS multipliers), its margins, patterns and
        support, and the quantities of its multipliers."""
        v = self.values
        lam = [frac(s, "multiplier") for s in field(start, "multipliers", list)]
        if len(lam) != self.n:
            raise Malformed("one start multiplier per point")
        theta = self.tag(self.parameters(start, "start"))
        what = "the start"
        if self.start_kind == "trained":
            pre, q = self.margins(theta, what)
            if min(x.lo for x in q) != 1:
                raise Wrong("a trained start must be normalized to smallest margin 1")
            v["epsilon_start2"] = self.verify_nnls(theta, pre, lam, list(range(self.n)), what)
            if self.kind == "two-layer":
                v["kkt_verified"] = False
            # theta = B / rho (every block of a network at the one scale): rho = 1/scale, and the
            # properly scaled step at the user's scale (N is 1-homogeneous in the trained parameters).
            if any((b.b.lo, b.b.hi) != (theta[0].b.lo, theta[0].b.lo) for b in theta):
                raise Wrong("a trained start's blocks are not at one scale")
            self.rho = 1 / theta[0].b.lo
            v["rho"] = Iv(self.rho)
            if not self.single:
                self.rho = None  # beta_star_user is a one-point quantity
        else:
            pre, q = self.verify_kkt(theta, lam, list(range(self.n)), what, strict_positive=self.kind == "two-layer")
            if self.kind == "two-layer":
                v["kkt_verified"] = self.structured(theta)
        listed = [frac(s, "margin") for s in field(start, "margins", list)]
        if [x.lo for x in q] != listed:
            raise Wrong("the start's margins are not y_i N(x_i; theta)")
        if self.kind == "two-layer" and start.get("patterns") != [[self.positive(pre[k][i], what) for i in range(self.n)] for k in range(self.m)]:
            raise Wrong("the start's activation patterns are not <v_k, x_i> > 0")
        if field(start, "support", list) != [i for i in range(self.n) if lam[i] > 0]:
            raise Wrong("the start's support is not {i : lambda_i > 0}")
        self.lam, self.q = lam, q
        v["epsilon_start2"] = v.get("epsilon_start2", Iv(0))
        v["delta_start"] = imax(*[(q[i] - 1) * lam[i] for i in range(self.n)])
        v["lambda_max"], v["lambda_min"] = Iv(max(lam)), Iv(min(lam))
        v["all_active"] = all(x > 0 for x in lam)
        # max_{i not in F} sum_{r in F} w_r |<x_r, x_i>| with w_r = lambda_r (and times gain_r for two layers).
        interaction = lambda w: Iv(max(sum(w[t] * abs(self.G[r][i]) for t, r in enumerate(self.F)) for i in self.retained))
        v["forget_interaction"] = interaction([lam[r] for r in self.F])
        gains = [sum(self.slope(pre[k][r], what) for k in range(self.m)) / self.m for r in self.F] if self.kind == "two-layer" else None
        if gains is not None:
            v["forget_interaction_gain"] = interaction([lam[r] * g for r, g in zip(self.F, gains)])
        if self.single:
            v["lambda_r"], v["q_r"] = Iv(lam[self.r]), q[self.r]
            if self.kind == "two-layer":
                slopes = [self.slope(pre[k][self.r], what) for k in range(self.m)]
                v["gain_r"] = Iv(sum(slopes) / self.m)
                v["gain_r2"] = Iv(sum(s * s for s in slopes) / self.m)
        return theta, lam, pre, q

    def after_step(self, step, theta, lam, pre, q):
        """theta' = theta + a g_r (for a set F, a = -c and g = sum_{r in F}
        lambda_r y_r grad N(x_r; theta)), checked against the stated theta',
        and tau, delta, the slackness sum, the margin shift, epsilon with the
        inherited multipliers, the norm and the activation flips."""
        v, a, what = self.values, self.a, "the start"
        g = self.tag(self.gradient_blocks(pre, self.r, Fraction(1), what))
        if not self.single:
            g = [Block(Iv(0), [Iv(0)] * self.n) for _ in range(self.m)]
            for r in self.F:
                g = [g[k].plus(b, Iv(1)) for k, b in enumerate(self.gradient_blocks(pre, r, lam[r], what))]
            g = self.tag(g)
        after = self.tag([theta[k].plus(g[k], a) for k in range(self.m)])
        listed = step.get("unlearned")
        if listed is not None:
            if not a.exact:
                raise Malformed("explicit unlearned parameters are given for exact steps only")
            given = self.parameters({"parameters": listed}, "the unlearned parameters")
            for k in range(self.m):
                if (given[k].b.lo, given[k].b.hi) != (after[k].b.lo, after[k].b.hi) or \
                        [(x.lo, x.hi) for x in given[k].c] != [(x.lo, x.hi) for x in after[k].c]:
                    raise Wrong("the unlearned parameters are not theta + a y_r grad N(x_r; theta) (block %d)" % k)
        what = "theta'"
        pre1, q1 = self.margins(after, what)
        qr = [q1[i] for i in self.retained]
        lr = [lam[i] for i in self.retained]
        v["tau"] = imax(Iv(0), *[1 - x for x in qr])
        v["delta"] = imax(*[(x - 1) * l for x, l in zip(qr, lr)])
        v["delta_two_sided"] = imax(*[abs((x - 1) * l) for x, l in zip(qr, lr)])
        v["slackness_sum"] = sum(((x - 1) * l for x, l in zip(qr, lr)), Iv(0))
        v["max_margin_shift"] = imax(*[abs(q1[i] - q[i]) for i in self.retained])
        if self.single:
            v["q_r_after"] = q1[self.r]
        res = self.combination(after, pre1, lr, self.retained, what)
        v["epsilon2"] = self.inner(res, res)
        v["epsilon"] = None  # from epsilon2 at each precision
        v["norm_unlearned2"] = self.inner(after, after)
        if self.kind == "two-layer":
            flips = sum(1 for k in range(self.m) for i in self.retained
                        if self.positive(pre[k][i], "the start") != self.positive(pre1[k][i], what))
            v["activation_flips"], v["sign_stable"] = Iv(flips), flips == 0
            v["forgotten_flips"] = Iv(sum(1 for k in range(self.m) for i in self.F
                                         if self.positive(pre[k][i], "the start") != self.positive(pre1[k][i], what)))
        return g, after, pre1, q1

    def optimal_residual(self, step, theta, g):
        """eps_opt at theta(center) by the NNLS witness, widened for an enclosed a."""
        a = self.a
        center = frac(field(step, "center", str), "center")
        mu = [frac(s, "optimal multiplier") for s in field(step, "optimal_multipliers", list)]
        if len(mu) != len(self.retained):
            raise Malformed("one optimal multiplier per retained point")
        at = self.tag([theta[k].plus(g[k], Iv(center)) for k in range(self.m)])
        pre_c, _ = self.margins(at, "theta(center)")
        opt2 = self.verify_nnls(at, pre_c, mu, self.retained, "theta' (eps_opt)")
        if a.exact and a.lo == center:
            self.values["epsilon_opt2"] = opt2
            self.opt_widen = None
        else:
            self.opt_widen = (opt2, abs(a - center).hi, self.inner(g, g))

    def retrained_quantities(self, retrained, after, lam):
        """The retrained point on S minus F, verified as a KKT point, and the
        distance, inner product and (linear) retraining identity against it."""
        if retrained is None:
            return None
        v = self.values
        ls = [frac(s, "retrained multiplier") for s in field(retrained, "multipliers", list)]
        if len(ls) != len(self.retained):
            raise Malformed("one retrained multiplier per retained point")
        star = self.tag(self.parameters(retrained, "retrained"))
        _, qs = self.verify_kkt(star, ls, self.retained, "the retrained point", strict_positive=self.kind == "two-layer")
        listed = [frac(s, "margin") for s in field(retrained, "margins", list)]
        if [qs[i].lo for i in self.retained] != listed:
            raise Wrong("the retrained margins are not y_i N(x_i; theta*)")
        v["retrained_all_active"] = all(x > 0 for x in ls)
        # The KKT conditions of theta* with its multipliers, by definition (verify_kkt has
        # already refused any failure; these are the values the claims read).
        pre_s, _ = self.margins(star, "the retrained point")
        res = self.combination(star, pre_s, ls, self.retained, "the retrained point")
        v["retrained_measured"] = True
        v["epsilon_retrained2"] = self.inner(res, res)
        v["tau_retrained"] = imax(Iv(0), *[1 - qs[i] for i in self.retained])
        v["slackness_retrained"] = imax(*[abs((qs[i] - 1) * l) for i, l in zip(self.retained, ls)])
        v["lambda_retrained_min"] = Iv(min(ls))
        v["norm_retrained2"] = self.inner(star, star)
        diff = self.tag([after[k].plus(star[k], Iv(-1)) for k in range(self.m)])
        v["distance_to_retrained2"] = self.inner(diff, diff)
        v["inner_retrained"] = self.inner(after, star)
        if self.kind == "linear":
            Q = lambda i, j: self.G[i][j] * self.y[i] * self.y[j]
            dl = {i: ls[t] - lam[i] for t, i in enumerate(self.retained)}
            v["retrain_identity_defect"] = Iv(max(abs(sum(Q(i, j) * dl[j] for j in self.retained) - sum(lam[r] * Q(i, r) for r in self.F))
                                                  for i in self.retained))
        return star

    RUN_VALUES = ("run_epsilon2", "run_tau", "run_delta", "run_max_margin_shift", "run_q_r_after", "run_forget_margin_rise",
                  "run_forgotten_shift_defect")

    def run_plan(self, run, theta, lam, q):
        """K fixed-rate ascent steps from the start (the run_* quantities are
        measured lazily, at each precision, by run_values)."""
        if run is None:
            return
        v = self.values
        steps, retain = field(run, "steps", int), field(run, "retain_descent", bool)
        eta = frac(field(run, "learning_rate", str), "learning rate")
        if not 1 <= steps <= 100000 or eta <= 0:
            raise Malformed("a run needs 1 <= steps <= 100000 and a positive learning rate")
        v["run_measured"], v["run_steps"], v["run_learning_rate"] = True, Iv(steps), Iv(eta)
        v["run_retain_descent"] = retain
        v["run_rate_is_beta"] = self.beta is not None and self.beta == eta
        self.run = (steps, eta, retain, theta, lam, q, {})

    def run_values(self, p):
        """The run by definition: theta_{t+1} = theta_t + eta sum_{r in F} l'(q_r(t)) y_r grad N(x_r; theta_t)
        (minus eta/|S\F| sum_{i not in F} l'(q_i(t)) y_i grad N(x_i; theta_t) with retain descent), each
        iterate's coefficients enclosed at p bits; then eps^2, tau, delta, the margin shifts at theta_K, the
        largest rise of a forgotten margin over the steps, and (linear, one point, no retain descent) each
        step's fall of q_r against eta ||x_r||^2 / (e^{q_r(t-1)} + L)."""
        steps, eta, retain, theta, lam, q0, cache = self.run
        if p in cache:
            return cache[p]
        what, cur, history = "the run", theta, {r: [q0[r]] for r in self.F}
        pre, q = self.margins(cur, what)
        for _ in range(steps):
            new = [Block(b.b, list(b.c)) for b in cur]
            for r in self.F:
                g = self.gradient_blocks(pre, r, Iv(eta) * self.lprime(q[r], p), what)
                new = [new[k].plus(g[k], Iv(1)) for k in range(self.m)]
            if retain:
                for i in self.retained:
                    g = self.gradient_blocks(pre, i, Iv(Fraction(eta, len(self.retained))) * self.lprime(q[i], p), what)
                    new = [new[k].plus(g[k], Iv(-1)) for k in range(self.m)]
            cur = self.tag([Block(b.b, [x.rounded(p + 16) for x in b.c]) for b in new])
            pre, q = self.margins(cur, what)
            for r in self.F:
                history[r].append(q[r])
        lr = [lam[i] for i in self.retained]
        res = self.combination(cur, pre, lr, self.retained, what)
        out = {"run_epsilon2": imax(self.inner(res, res), Iv(0)),
               "run_tau": imax(Iv(0), *[1 - q[i] for i in self.retained]),
               "run_delta": imax(*[(q[i] - 1) * lam[i] for i in self.retained]),
               "run_max_margin_shift": imax(*[abs(q[i] - q0[i]) for i in self.retained]),
               "run_forget_margin_rise": imax(*[h[t] - h[t - 1] for h in history.values() for t in range(1, len(h))])}
        if self.single:
            out["run_q_r_after"] = q[self.r]
            if self.kind == "linear" and not retain:
                h, L = history[self.r], Iv(1 if self.loss == "logistic" else 0)
                scale = Iv(eta) * self.G[self.r][self.r]
                out["run_forgotten_shift_defect"] = imax(*[abs((h[t - 1] - h[t]) * (exp_iv(h[t - 1].rounded(p + 16), p) + L) / scale - 1)
                                                          for t in range(1, len(h))])
        cache[p] = out
        return out

    def closed_forms(self, lam, q, q1, after, star):
        """For a scaled step: the closed forms against the measured margins
        (derived quantities), and the rescaled theta'' = theta'/mu, mu = min q'_i."""
        v, cs = self.values, self.c_scale
        if self.kind == "linear":
            v["margin_identity_defect"] = imax(*[abs(q1[i] - (q[i] - cs * sum(lam[r] * self.y[r] * self.y[i] * self.G[r][i] for r in self.F)))
                                                for i in self.retained])
        elif self.start_kind == "kkt":
            K = lambda i, k: (1 + self.gamma ** 2) / 2 * self.G[i][k] if self.y[i] == self.y[k] else -self.gamma * self.G[i][k]
            v["margin_identity_defect"] = imax(*[abs(q1[i] - (1 - cs * sum(lam[r] * K(i, r) for r in self.F))) for i in self.retained])
        qr = [q1[i] for i in self.retained]
        lr = [lam[i] for i in self.retained]
        mu_r = imin(*qr)
        v["rescale_factor"] = mu_r
        if mu_r.lo > 0:
            resc = self.tag([b.times(1 / mu_r) for b in after])
            pre2, q2 = self.margins(resc, "theta''")
            q2r = [q2[i] for i in self.retained]
            l2 = [x / mu_r for x in lr]
            v["tau_rescaled"] = imax(Iv(0), *[1 - x for x in q2r])
            v["delta_rescaled"] = imax(*[(x - 1) * l for x, l in zip(q2r, l2)])
            v["slackness_sum_rescaled"] = sum(((x - 1) * l for x, l in zip(q2r, l2)), Iv(0))
            res2 = self.combination(resc, pre2, l2, self.retained, "theta''")
            v["epsilon_rescaled2"] = self.inner(res2, res2)
            v["norm_rescaled2"] = self.inner(resc, resc)
            if star is not None:
                diff2 = self.tag([resc[k].plus(star[k], Iv(-1)) for k in range(self.m)])
                v["distance_rescaled_to_retrained2"] = self.inner(diff2, diff2)

    def structured(self, theta):
        """All positive neurons equal and all negative ones equal (Frei's structure)."""
        h = self.m // 2
        same = lambda a, b: (a.b.lo, a.b.hi) == (b.b.lo, b.b.hi) and [(x.lo, x.hi) for x in a.c] == [(x.lo, x.hi) for x in b.c]
        return all(same(theta[k], theta[0]) for k in range(h)) and all(same(theta[k], theta[h]) for k in range(h, self.m))

    def confirm_no_structured_point(self):
        """kkt_verified = false: K lambda = 1 has no solution with lambda > 0
        and the intended activation patterns (solved exactly here)."""
        n, g = self.n, self.gamma
        A = [[((1 + g * g) / 2 * self.G[i][k] if self.y[i] == self.y[k] else -g * self.G[i][k]) for k in range(n)] + [Fraction(1)]
             for i in range(n)]
        for col in range(n):
            piv = next((r for r in range(col, n) if A[r][col] != 0), None)
            if piv is None:
                return  # singular: no structured candidate
            A[col], A[piv] = A[piv], A[col]
            for r in range(n):
                if r != col and A[r][col] != 0:
                    f = A[r][col] / A[col][col]
                    A[r] = [x - f * y for x, y in zip(A[r], A[col])]
        lam = [A[i][n] / A[i][i] for i in range(n)]
        if any(x <= 0 for x in lam):
            return
        for i in range(n):  # <v, x_i> > 0 iff y_i = +1 and <u, x_i> > 0 iff y_i = -1
            pv = sum(lam[k] * (1 if self.y[k] == 1 else -g) * self.G[k][i] for k in range(n))
            pu = sum(lam[k] * (1 if self.y[k] == -1 else -g) * self.G[k][i] for k in range(n))
            if (pv > 0) != (self.y[i] == 1) or (pu > 0) != (self.y[i] == -1):
                return
        raise Wrong("the structured candidate IS a KKT point, against kkt_verified = false")

    def step_values(self, step, rule, lam, q):
        v = self.values
        lr, qr = lam[self.r], q[self.r]
        ua = field(step, "update_coefficient", dict)
        if rule == "scaled":
            self.c_scale = frac(field(step, "c", str), "c")
            self.a = Iv(-self.c_scale * (lr if self.single else 1))
            if frac(field(ua, "exact", str), "update coefficient") != self.a.lo:
                raise Wrong("the update coefficient is not -c lambda_r")
            v["c"] = Iv(self.c_scale)
            self.beta = None
        elif rule == "explicit" and not self.single:
            raise Malformed("a forget set's step is beta_r = c beta*_r, not one explicit beta")
        elif rule == "explicit":
            self.beta = frac(field(step, "beta", str), "beta")
            self.c_scale = None
            self.a = None  # at each precision
            lo, hi = frac(field(ua, "lo", str), "bound"), frac(field(ua, "hi", str), "bound")
            self.a_claimed = Iv(lo, hi)
            self.a = self.update_coefficient(PRECISIONS[-1])
            if self.a.hi < lo or self.a.lo > hi:
                raise Wrong("the update coefficient bounds do not enclose beta l'(q_r)")
        else:
            raise Malformed("unknown step rule " + rule)

    def lprime(self, qr, p):
        qr = iv(qr).rounded(p + 16)
        if self.loss == "logistic":
            return -(Iv(1) / (exp_iv(qr, p) + 1))
        if self.loss == "exponential":
            return -exp_iv(-qr, p)
        raise Malformed("unknown loss " + self.loss)

    def update_coefficient(self, p):
        return self.lprime(self.values["q_r"], p) * self.beta

    def mixture_boundaries(self, theta, after, star):
        """test errors eta + (1 - 2 eta) Phi(-mu_norm w_1 / ||w||) for a linear
        boundary w (P_opp), or eta + (1 - 2 eta)(Phi(-mu_norm w_1 / ||w||) + Phi(mu_norm w_2 / ||w||))/2
        for orthogonal means mu_norm e_1 (clean +1) and mu_norm e_2 (clean -1): w = theta (linear), or
        v - u for a structured leaky network."""
        v = self.values
        if self.kind == "linear":
            boundary = lambda t: t[0]
            ok = True
        else:
            # As the tool: exact only for the leaky structured point, and only with its retrained point.
            ok = self.gamma > 0 and self.start_kind == "kkt" and star is not None
            boundary = lambda t: t[0].plus(t[self.m // 2], Iv(-1))
        if not ok:
            v["test_error_exact"] = False
            return
        for name, t in (("original", theta), ("unlearned", after), ("retrained", star)):
            if t is None:
                continue
            if self.kind != "linear" and not self.structured(t):
                v["test_error_exact"] = False
                return
            w = boundary(t)
            w.k = 0
            first = sum((w.c[i] * Fraction(self.M.entry(i, 0)) / self.D for i in range(self.n)), Iv(0))
            second = sum((w.c[i] * Fraction(self.M.entry(i, 1)) / self.D for i in range(self.n)), Iv(0)) if self.d > 1 else Iv(0)
            if self.base is not None and not (w.b.exact and w.b.lo == 0):
                if self.kind != "linear":
                    raise Malformed("test errors of a network need a start in the span of the data")
                first = first + w.b * self.base["first"][0]
                second = second + w.b * self.base["second"][0]
            norm2 = self.inner([w], [w]) if self.kind == "linear" else self.inner_plain(w, w)
            if norm2.hi <= 0:
                v["test_error_exact"] = False
                return
            v["boundary_" + name] = (first, second, norm2)
        v["test_error_exact"] = True

    def inner_plain(self, a, b):
        s = Iv(0)
        for i in range(self.n):
            row = sum((b.c[j] * self.G[i][j] for j in range(self.n)), Iv(0))
            s = s + a.c[i] * row
        return s

    # -- values at a precision ----------------------------------------------

    def scalar(self, name, p):
        v = self.values
        if name in self.constants:
            return Iv(self.constants[name])
        if name in ("epsilon", "epsilon_rescaled", "norm_rescaled", "norm_retrained", "distance_rescaled_to_retrained",
                    "distance_to_retrained", "epsilon_start", "epsilon_opt"):
            src = {"epsilon": "epsilon2", "epsilon_rescaled": "epsilon_rescaled2", "norm_rescaled": "norm_rescaled2",
                   "norm_retrained": "norm_retrained2", "distance_rescaled_to_retrained": "distance_rescaled_to_retrained2",
                   "distance_to_retrained": "distance_to_retrained2", "epsilon_start": "epsilon_start2", "epsilon_opt": "epsilon_opt2"}[name]
            return sqrt_iv(self.scalar(src, p), p)
        if name == "epsilon_opt2" and name not in v and getattr(self, "opt_widen", None):
            opt2, width, g2 = self.opt_widen
            o = sqrt_iv(opt2, p)
            w = sqrt_iv(g2, p) * width
            lo = max(Fraction(0), (o - w).lo)
            return Iv(lo, (o + w).hi) ** 2
        if name == "cosine_to_retrained":
            # One square root of the product: exact when it is a square (theta' = theta*).
            return self.scalar_value("inner_retrained") / sqrt_iv(self.scalar_value("norm_unlearned2") * self.scalar_value("norm_retrained2"), p)
        if name.startswith("test_error_") and name[11:] in ("original", "unlearned", "retrained"):
            if v.get("test_error_exact") is not True or "boundary_" + name[11:] not in v:
                raise Wrong("%s is not defined on this instance" % name)
            first, second, norm2 = v["boundary_" + name[11:]]
            norm = sqrt_iv(norm2, p)
            miss = phi_iv((-(v["mu_norm"] * first) / norm).rounded(p + 8), p)
            if getattr(self, "orthogonal_means", False):
                miss = (miss + phi_iv(((v["mu_norm"] * second) / norm).rounded(p + 8), p)) * Fraction(1, 2)
            eta = v["eta"]
            return eta + (1 - eta * 2) * miss
        if name in self.RUN_VALUES and self.run is not None:
            value = self.run_values(p).get(name)
            if value is None:
                raise Wrong("quantity %r is not defined on this instance" % name)
            return value
        if name == "beta_star_user" and self.rho is not None:
            return Iv(self.rho) * v["lambda_r"] / abs(self.lprime(v["q_r"] * self.rho, p))
        if name == "beta_star" and self.single and v.get("step_measured"):
            return v["lambda_r"] / abs(self.lprime(v["q_r"], p))
        if name == "beta" and self.single and v.get("step_measured"):
            return Iv(self.beta) if self.beta is not None else Iv(self.c_scale) * self.scalar("beta_star", p)
        if name == "c" and self.beta is not None:
            return Iv(self.beta) * abs(self.lprime(v["q_r"], p)) / v["lambda_r"]
        return self.scalar_value(name)

    def scalar_value(self, name):
        if name not in self.values or self.values[name] is None:
            raise Wrong("quantity %r is not defined on this instance" % name)
        value = self.values[name]
        if isinstance(value, bool):
            return Iv(1 if value else 0)
        return value

    def decide(self, cond, p):
        if cond[0] == "flag":
            value = self.scalar(cond[1], p)
            if not value.exact or value.lo not in (0, 1):
                raise Wrong("%s is not a boolean" % cond[1])
            return (value.lo == 1) != cond[2]
        return compare(evaluate(cond[1], self, p), cond[2], evaluate(cond[3], self, p))

    def check_sides(self, claim, p):
        """The certificate's sides of the statement against the recomputed ones."""
        sides = claim.get("sides")
        cond = parse_condition(claim["claim"])
        if sides is None or cond[0] != "rel":
            return None
        for key, node in (("lhs", cond[1]), ("rhs", cond[3])):
            side = field(sides, key, dict, claim["id"])
            lo, hi = frac(field(side, "lo", str), key), frac(field(side, "hi", str), key)
            mine = evaluate(node, self, p)
            if mine.hi < lo or mine.lo > hi:
                return "its %s is in [%s, %s], recomputed [%s, %s]" % (key, float(lo), float(hi), float(mine.lo), float(mine.hi))
        return None

    def verdict(self, claim, p):
        for h in claim["assumes"]:
            d = self.decide(parse_condition(h), p)
            if d is False:
                return "VACUOUS"
            if d is None:
                return None
        d = self.decide(parse_condition(claim["claim"]), p)
        return None if d is None else ("PROVED" if d else "REFUTED")

    # -- the listed quantities -------------------------------------------------

    def check_quantities(self):
        listed = field(self.cert, "quantities", dict)
        self.constants = {}
        for name, value in listed.items():
            if isinstance(value, bool):
                mine = self.values.get(name)
                if not isinstance(mine, bool) or mine != value:
                    raise Wrong("quantity %s is %s, recomputed %s" % (name, value, mine))
                continue
            lo, hi = frac(field(value, "lo", str, name), name), frac(field(value, "hi", str, name), name)
            for p in PRECISIONS:
                try:
                    mine = self.scalar(name, p)
                    break
                except Undecided:
                    mine = None
            if mine is None:
                raise Undecided("quantity %s" % name)
            if mine.exact and lo == hi and mine.lo != lo:
                raise Wrong("quantity %s is %s, recomputed %s" % (name, lo, mine.lo))
            root = SQUARE_ROOTS.get(name)
            if root is not None and lo != hi:
                # The justification: lo^2 <= x <= hi^2 for the exact x it is the root of.
                x = self.scalar(root, PRECISIONS[0])
                if x.exact and (lo < 0 or lo * lo > x.lo or hi * hi < x.lo):
                    raise Wrong("quantity %s: [%s, %s] does not enclose sqrt(%s)" % (name, float(lo), float(hi), root))
            if mine.hi < lo or mine.lo > hi:
                raise Wrong("quantity %s is in [%s, %s], recomputed %s" % (name, float(lo), float(hi), float(mine.lo)))

    def check(self):
        """Yields (claim id or '-', ok, message)."""
        self.constants = {}
        self.analyse()
        self.check_quantities()
        for claim in field(self.cert, "claims", list):
            cid = field(claim, "id", str)
            field(claim, "assumes", list, cid)
            field(claim, "claim", str, cid)
            stated = field(claim, "verdict", str, cid)
            self.constants = {k: frac(s, "constant") for k, s in (claim.get("constants") or {}).items()}
            mine = None
            try:
                for p in PRECISIONS:
                    try:
                        mine = self.verdict(claim, p)
                    except Undecided:
                        mine = None
                    if mine is not None:
                        break
                if mine in ("PROVED", "REFUTED"):
                    problem = self.check_sides(claim, p)
                    if problem is not None:
                        yield cid, False, "certificate says %s; %s" % (stated, problem)
                        continue
            except Wrong as e:
                if stated == "ERROR":
                    yield cid, True, "ERROR (%s here too)" % e
                else:
                    yield cid, False, "certificate says %s; %s" % (stated, e)
                continue
            if mine == stated:
                yield cid, True, stated
            elif mine is None and stated == "INCONCLUSIVE":
                yield cid, True, "INCONCLUSIVE (undecided here too)"
            elif mine is None:
                yield cid, False, "certificate says %s; undecided here at %d bits" % (stated, PRECISIONS[-1])
            else:
                yield cid, False, "certificate says %s; recomputed %s" % (stated, mine)


def toml_reader():
    """tomllib (Python 3.11+) or its backport tomli, or None."""
    try:
        import tomllib
        return tomllib
    except ImportError:
        pass
    try:
        import tomli
        return tomli
    except ImportError:
        return None


def load_catalog(directory):
    """The catalog's content hash (as the tool computes it) and its claims
    by id (assumes, claim).

    Fails closed: without a TOML reader the claims cannot be compared with the
    catalog's, and a certificate whose statement was weakened would pass on
    the hash it carries alone, so that is an error, not a skipped check."""
    reader = toml_reader()
    if reader is None:
        raise Malformed("--catalog needs a TOML reader to compare the claims: this Python (%d.%d) has no tomllib "
                        "(3.11+) and no tomli (pip install tomli)" % sys.version_info[:2])
    try:
        names = sorted(f for f in os.listdir(directory) if f.endswith(".toml"))
    except OSError as e:
        raise Malformed("%s: %s" % (directory, e.strerror))
    if not names:
        raise Malformed("%s: no .toml catalog files" % directory)
    hashed, claims = b"", {}
    for name in names:
        with open(os.path.join(directory, name), "rb") as f:
            raw = f.read()
        hashed += name.encode() + b"\0" + raw + b"\0"
        try:
            document = reader.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise Malformed("%s: %s" % (os.path.join(directory, name), e))
        for claim in document.get("claim", []):
            claims[claim["id"]] = (claim.get("assumes", []), claim["claim"])
    return hashlib.sha256(hashed).hexdigest(), claims


def same_condition(a, b):
    return parse_condition(a) == parse_condition(b)


def check_against_catalog(cert, catalog):
    """Yields discrepancies between a certificate's claims and the catalog's."""
    digest, claims = catalog
    if cert.get("catalog_sha256") != digest:
        yield "the certificate's catalog_sha256 is not this catalog's"
    for claim in cert.get("claims", []):
        known = claims.get(claim.get("id"))
        if claims and known is None:
            yield "claim %s is not in the catalog" % claim.get("id")
        elif known is not None:
            assumes, statement = known
            if len(assumes) != len(claim["assumes"]) or not all(map(same_condition, assumes, claim["assumes"])) \
                    or not same_condition(statement, claim["claim"]):
                yield "claim %s does not state what the catalog states" % claim["id"]


def certificate_paths(args):
    paths = []
    for a in args:
        if os.path.isdir(a):
            paths += sorted(os.path.join(a, f) for f in os.listdir(a) if f.endswith(".json"))
        else:
            paths.append(a)
    return paths


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip().split("\n\n")[1])
        return 0 if len(argv) >= 2 else 64
    global VECTORISED
    args, catalog = argv[1:], None
    if "--pure" in args:
        args = [a for a in args if a != "--pure"]
        VECTORISED = False
    if "--catalog" in args:
        k = args.index("--catalog")
        if k + 1 >= len(args):
            print("check-certificate: --catalog needs a directory", file=sys.stderr)
            return 64
        try:
            catalog = load_catalog(args[k + 1])
        except Malformed as e:
            print("check-certificate: %s" % e, file=sys.stderr)
            return 65
        args = args[:k] + args[k + 2:]
    paths = certificate_paths(args)
    if not paths:
        print("check-certificate: no certificates found", file=sys.stderr)
        return 65
    status, claims = 0, 0
    for path in paths:
        label = os.path.basename(path)
        try:
            checker = Checker(path)
            if catalog is not None:
                for problem in check_against_catalog(checker.cert, catalog):
                    print("FAIL %s: %s" % (label, problem))
                    status = max(status, 1)
            for cid, ok, message in checker.check():
                claims += 1
                print("%s %s %s: %s" % ("ok  " if ok else "FAIL", label, cid, message))
                if not ok:
                    status = max(status, 1)
        except Malformed as e:
            print("MALFORMED %s: %s" % (label, e))
            status = 65
        except Wrong as e:
            print("FAIL %s: %s" % (label, e))
            status = max(status, 1) if status != 65 else 65
        except Undecided as e:
            print("FAIL %s: undecided at %d bits: %s" % (label, PRECISIONS[-1], e))
            status = max(status, 1) if status != 65 else 65
        except (KeyError, TypeError, ValueError, IndexError, AttributeError, ZeroDivisionError, RecursionError,
                struct.error, OverflowError, MemoryError, UnicodeError) as e:
            print("MALFORMED %s: %s: %s" % (label, type(e).__name__, e))
            status = 65
    print("check-certificate: %d certificate%s, %d verdict%s, %s" % (
        len(paths), "" if len(paths) == 1 else "s", claims, "" if claims == 1 else "s",
        "all confirmed" if status == 0 else "NOT all confirmed"), file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
