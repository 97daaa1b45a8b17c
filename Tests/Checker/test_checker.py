"""Tests of Scripts/check-certificate.py, the independent checker (standard-library unittest).

    python3 -m unittest discover -s Tests/Checker -v

- Its numerics (sqrt, exp, log, Phi, pi) enclose the reference table that the Swift enclosures are
  tested against (Tests/BoundsTests/Reference/elementary.tsv, mpmath at 500 digits), at 128 and
  512 bits, and are narrow: relative width below 2^-(p/2), or 2^-48 for Phi, whose far tail is an
  enveloping asymptotic series that stops at its smallest term.
- Certificates validate against Schemas/certificate.schema.json (with the jsonschema package).
- The numpy path and the --pure standard-library path give the same output line for line.
- Tampering with a large certificate is caught: one flipped data byte, one changed multiplier digit,
  one changed coefficient of the parameters, one flipped label.

Certificates come from $CHECKER_CERTIFICATES (a directory, e.g. the regime suite's), else from the
default suite written by the release build. The tampering tests use the largest certificate there.
"""
import contextlib
import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from fractions import Fraction

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
spec = importlib.util.spec_from_file_location("check_certificate", os.path.join(ROOT, "Scripts", "check-certificate.py"))
checker = importlib.util.module_from_spec(spec)
spec.loader.exec_module(checker)


def reference_rows():
    with open(os.path.join(ROOT, "Tests", "BoundsTests", "Reference", "elementary.tsv")) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            function, argument, value = line.rstrip("\n").split("\t")
            yield function, argument, value


def exact(text):
    """The exact rational of a reference argument: a decimal, a fraction or a hexadecimal float."""
    t = text.strip()
    if t.lower().lstrip("-").startswith("0x"):
        return Fraction(float.fromhex(t))
    return Fraction(t)


def reference_interval(value):
    """The 80-significant-digit reference, rounded to nearest: the true value is within half a unit of its last digit."""
    mantissa, _, exponent = value.lower().partition("e")
    digits = mantissa.replace("-", "").replace(".", "").lstrip("0")
    x = Fraction(value)
    if x == 0:
        return x, x
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    half_unit = Fraction(1, 2) * Fraction(10) ** (int(exponent or "0") - decimals)
    return x - abs(half_unit), x + abs(half_unit)


_certificates = None


def certificates():
    """A directory of certificates: $CHECKER_CERTIFICATES, or the default suite's, written once."""
    global _certificates
    if _certificates is None:
        given = os.environ.get("CHECKER_CERTIFICATES")
        if given:
            _certificates = given
        else:
            tool = os.environ.get("UNLEARNING_CHECK", os.path.join(ROOT, ".build", "release", "unlearning-check"))
            if not os.path.exists(tool):
                raise unittest.SkipTest("no certificates: set CHECKER_CERTIFICATES or build the tool (swift build -c release)")
            _certificates = tempfile.mkdtemp(prefix="checker-tests-")
            subprocess.run([tool, "run", "--certificate", _certificates, "--progress", "never"], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return _certificates


def run_checker(*arguments):
    """The checker's exit status and standard output, run in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = checker.main(["check-certificate.py"] + list(arguments))
    checker.VECTORISED = checker.numpy is not None
    return status, out.getvalue()


class Numerics(unittest.TestCase):
    """Every enclosure of the checker meets the reference value (disjoint would be a soundness bug) and is narrow."""

    def enclosure(self, function, x, p):
        if function == "sqrt":
            return checker.sqrt_iv(checker.Iv(x), p)
        if function == "exp":
            return checker.exp_iv(checker.Iv(x), p)
        if function == "log":
            return checker.log_iv(checker.Iv(x), p)
        if function == "Phi":
            return checker.phi_iv(checker.Iv(x), p)
        if function == "pi":
            return checker.pi_iv(p)
        if function == "ln2":
            return checker.log_iv(checker.Iv(2), p)
        return None

    def test_the_reference_table(self):
        checked = 0
        for function, argument, value in reference_rows():
            x = exact(argument)
            lo, hi = reference_interval(value)
            for p in (128, 512):
                try:
                    got = self.enclosure(function, x, p)
                except checker.Undecided:
                    continue
                if got is None:
                    break
                checked += 1
                if not (got.lo <= hi and lo <= got.hi):
                    self.fail("%s(%s) at %d bits: [%.20g, %.20g]·2^k misses %s" % (
                        function, argument, p, got.lo / 2 ** checker.bits(got.lo), got.hi / 2 ** checker.bits(got.hi), value[:30]))
                # Relative width: below 2^-(p/2) except Phi far in the tail, where the enveloping
                # asymptotic series stops at its smallest term (about 50 bits at -8.5, at any p).
                limit = Fraction(1, 2 ** 48) if function == "Phi" else Fraction(1, 2 ** (p // 2))
                if lo != 0 and got.hi - got.lo > abs(lo) * limit:
                    self.fail("%s(%s) at %d bits is wider than %s relative" % (function, argument, p, limit))
        functions = {row[0] for row in reference_rows()} & {"sqrt", "exp", "log", "Phi", "pi", "ln2"}
        self.assertGreaterEqual(checked, 2 * 150, "too few reference rows checked (%s)" % sorted(functions))


class Schema(unittest.TestCase):
    def test_certificates_match_the_schema(self):
        try:
            import jsonschema
        except ImportError:
            self.skipTest("the jsonschema package is not installed")
        with open(os.path.join(ROOT, "Schemas", "certificate.schema.json")) as f:
            schema = json.load(f)
        directory = certificates()
        names = sorted(f for f in os.listdir(directory) if f.endswith(".json"))
        self.assertTrue(names)
        for name in names:
            with open(os.path.join(directory, name)) as f:
                jsonschema.validate(json.load(f), schema)
        # A tampered document is not valid.
        with open(os.path.join(directory, names[0])) as f:
            document = json.load(f)
        document["data"]["sha256"] = "not a hash"
        with self.assertRaises(jsonschema.ValidationError):
            jsonschema.validate(document, schema)


class Paths(unittest.TestCase):
    def test_numpy_and_pure_paths_agree(self):
        if checker.numpy is None:
            self.skipTest("numpy is not installed: only the pure path exists")
        directory = certificates()
        small = [os.path.join(directory, f) for f in sorted(os.listdir(directory)) if f.endswith(".json")
                 and os.path.getsize(os.path.join(directory, f.replace(".json", ".data.npy"))) < 40_000_000]
        self.assertTrue(small)
        fast = run_checker("--catalog", os.path.join(ROOT, "theorems"), *small)
        pure = run_checker("--pure", "--catalog", os.path.join(ROOT, "theorems"), *small)
        self.assertEqual(fast, pure)
        self.assertEqual(fast[0], 0, fast[1][-2000:])


class Tampering(unittest.TestCase):
    """On the largest certificate at hand (the regime suite's n = 100, d = 1.6·10⁶ in CI)."""

    @classmethod
    def setUpClass(cls):
        directory = certificates()
        names = [f for f in os.listdir(directory) if f.endswith(".json")]
        cls.name = max(names, key=lambda f: os.path.getsize(os.path.join(directory, f.replace(".json", ".data.npy"))))
        cls.source = directory
        cls.work = tempfile.mkdtemp(prefix="tampered-")
        with open(os.path.join(directory, cls.name)) as f:
            cls.document = json.load(f)
        # The data file is linked, not copied, unless a test changes it.
        for member in os.listdir(directory):
            if member.startswith(cls.name[:-len(".json")] + "."):
                os.symlink(os.path.join(directory, member), os.path.join(cls.work, member))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def check(self, document):
        path = os.path.join(self.work, self.name)
        os.unlink(path)
        with open(path, "w") as f:
            json.dump(document, f)
        status, output = run_checker(path)
        os.unlink(path)
        os.symlink(os.path.join(self.source, self.name), path)
        return status, output

    def copy(self):
        return json.loads(json.dumps(self.document))

    def test_the_untouched_certificate_is_confirmed(self):
        status, output = run_checker(os.path.join(self.work, self.name))
        self.assertEqual(status, 0, output[-2000:])

    def test_a_flipped_data_byte(self):
        data = self.document["data"]["file"]
        link = os.path.join(self.work, data)
        os.unlink(link)
        shutil.copyfile(os.path.join(self.source, data), link)
        try:
            with open(link, "r+b") as f:
                f.seek(os.path.getsize(link) // 2)
                byte = f.read(1)
                f.seek(-1, os.SEEK_CUR)
                f.write(bytes([byte[0] ^ 1]))
            status, output = run_checker(os.path.join(self.work, self.name))
        finally:
            os.unlink(link)
            os.symlink(os.path.join(self.source, data), link)
        self.assertNotEqual(status, 0)
        self.assertIn("SHA-256 does not match", output)

    def test_a_changed_multiplier_digit(self):
        document = self.copy()
        multipliers = document["start"]["multipliers"]
        k = max(range(len(multipliers)), key=lambda i: len(multipliers[i]))
        numerator, _, denominator = multipliers[k].partition("/")
        digit = (int(numerator[-1]) + 1) % 10
        multipliers[k] = numerator[:-1] + str(digit) + ("/" + denominator if denominator else "")
        status, output = self.check(document)
        self.assertNotEqual(status, 0, "a changed multiplier was not caught")

    def test_a_changed_coefficient(self):
        document = self.copy()
        coefficients = document["start"]["parameters"]["coefficients"]
        if coefficients is None:
            self.skipTest("this start has no span coefficients")
        row = coefficients[0]
        k = max(range(len(row)), key=lambda i: len(row[i]))
        numerator, _, denominator = row[k].partition("/")
        row[k] = str(int(numerator) + 1) + ("/" + denominator if denominator else "")
        status, output = self.check(document)
        self.assertNotEqual(status, 0, "a changed coefficient was not caught")

    def test_a_flipped_label(self):
        document = self.copy()
        document["labels"][len(document["labels"]) // 2] *= -1
        status, output = self.check(document)
        self.assertNotEqual(status, 0, "a flipped label was not caught")


if __name__ == "__main__":
    unittest.main()
