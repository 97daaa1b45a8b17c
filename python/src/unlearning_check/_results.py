"""The tool's answers as Python objects, with exact rational endpoints."""
from dataclasses import dataclass, field
from fractions import Fraction


def _fraction(text):
    return Fraction(text)


@dataclass(frozen=True)
class Enclosure:
    """A real number the tool knows exactly (lo == hi) or encloses rigorously: lo ≤ x ≤ hi.

    ``lo`` and ``hi`` are exact ``Fraction``s; ``approx`` is a float for display.
    """

    lo: Fraction
    hi: Fraction
    approx: float

    @classmethod
    def from_json(cls, document):
        return cls(_fraction(document["lo"]), _fraction(document["hi"]), float(document["approx"]))

    @property
    def is_exact(self):
        return self.lo == self.hi

    def __float__(self):
        return self.approx

    def __contains__(self, x):
        x = Fraction(x)
        return self.lo <= x <= self.hi

    def proved_at_most(self, bound):
        """Whether x ≤ bound is proved (the whole enclosure lies below or at it)."""
        return self.hi <= Fraction(bound)

    def __str__(self):
        return "%.6g" % self.approx if self.is_exact else "%.6g…" % self.approx


def _value(document):
    """A quantity: an enclosure, a list of them (or of exact strings), or a boolean."""
    if isinstance(document, dict) and "lo" in document:
        return Enclosure.from_json(document)
    if isinstance(document, list):
        return [_value(item) if isinstance(item, dict) else _fraction(item) if isinstance(item, str) else item for item in document]
    return document


def _optional(document):
    return None if document is None else Enclosure.from_json(document)


@dataclass(frozen=True)
class CompareResult:
    """``unlearning-check compare``: a float unlearning step against the exact one.

    ``verdict`` is "within", "outside" or "undecided"; ``passed`` is True only
    for "within". ``reading`` says what the error looks like: "float64
    rounding", "float32 rounding" or "a different step". ``scale`` and ``cosine`` read the user's change u − w against
    the exact change v − w: scale ⟨u−w, v−w⟩/‖v−w‖² is 1 for a right step and −1
    for a descent step. ``epsilon``, ``delta`` and ``tau`` are the certified KKT
    residuals of the user's unlearned weights on the retained data, at the
    user's scale; ``at_margin_one`` holds the same of θ'/ρ (the theory's
    scale, ρ = ``rho`` the start's smallest margin), as a dict with keys
    "epsilon", "delta", "tau" (None when the start does not separate the
    data). ``beta_star`` and ``beta_star_margin_one`` are β* at both scales
    and ``effective_beta`` the β the user's change amounts to. ``warnings``
    names a forgotten point that is no support vector and misclassified
    retained points (``retained_correct`` of ``retained_count``).
    """

    verdict: str
    reading: str
    normwise_error: Enclosure
    max_abs_error: Enclosure
    max_rel_error: object
    tolerance: Fraction
    max_ulps: int
    worst_ulp_position: str
    largest_error_index: int
    largest_error_position: str
    yours: float
    exact: Enclosure
    scale: object
    cosine: object
    epsilon: Enclosure
    delta: Enclosure
    tau: Enclosure
    start_epsilon: object
    activation_mismatches: object
    rho: object
    beta_star: object
    beta_star_margin_one: object
    effective_beta: object
    at_margin_one: object
    retained_correct: int
    retained_count: int
    warnings: list
    json: dict = field(repr=False)
    command: list = field(repr=False)

    @classmethod
    def from_json(cls, document, command):
        within, normwise = document["within_tolerance"], document["within_normwise"]
        verdict = "undecided" if within is None else "within" if within else "outside"
        largest = document["largest_error"]
        agreement = document.get("step_agreement") or {}
        scale = document["scale"]
        one = scale["yours"]["at_margin_one"]
        return cls(
            verdict=verdict,
            reading=document["error_reading"],
            normwise_error=Enclosure.from_json(document["normwise_rel_error"]),
            max_abs_error=Enclosure.from_json(document["max_abs_error"]),
            max_rel_error=_optional(document.get("max_rel_error")),
            tolerance=_fraction(document["tolerance"]),
            max_ulps=int(document["max_ulps"]),
            worst_ulp_position=document["worst_position"],
            largest_error_index=largest["index"],
            largest_error_position=largest["position"],
            yours=float(largest["yours"]),
            exact=Enclosure.from_json(largest["exact"]),
            scale=_optional(agreement.get("scale")),
            cosine=_optional(agreement.get("cosine")),
            epsilon=Enclosure.from_json(document["epsilon"]),
            delta=Enclosure.from_json(document["delta"]),
            tau=Enclosure.from_json(document["tau"]),
            start_epsilon=_optional(document.get("start_epsilon")),
            activation_mismatches=document.get("activation_mismatches"),
            rho=_optional(scale.get("rho")),
            beta_star=_optional(scale.get("beta_star_user")),
            beta_star_margin_one=_optional(scale.get("beta_star_margin_one")),
            effective_beta=_optional(scale.get("effective_beta")),
            at_margin_one=None if one is None else {k: Enclosure.from_json(one[k]) for k in ("epsilon", "delta", "tau")},
            retained_correct=document["retained_correct"],
            retained_count=document["retained_count"],
            warnings=list(document["warnings"]),
            json=document,
            command=command,
        )

    @property
    def passed(self):
        return self.verdict == "within"


@dataclass(frozen=True)
class ClaimVerdict:
    """One claim's verdict on the instance: PROVED, REFUTED, INCONCLUSIVE, VACUOUS or ERROR."""

    id: str
    title: str
    source: str
    statement: str
    verdict: str
    measured: object
    bound: object


@dataclass(frozen=True)
class InstanceResult:
    """``unlearning-check instance``: every quantity, and each applicable claim's verdict."""

    quantities: dict
    claims: list
    warnings: list
    json: dict = field(repr=False)
    command: list = field(repr=False)

    @classmethod
    def from_json(cls, document, command):
        claims = []
        for claim in document["claims"]:
            row = (claim.get("instances") or [{}])[0]
            claims.append(ClaimVerdict(claim["id"], claim["title"], claim["source"], claim["claim"], claim["verdict"],
                                       _optional(row.get("measured")), _optional(row.get("bound"))))
        quantities = {name: _value(value) for name, value in document["quantities"].items()}
        return cls(quantities, claims, list(document.get("warnings", [])), document, command)

    def verdict(self, claim_id):
        """The verdict of one claim (KeyError naming the claim when it is not in the catalog)."""
        for claim in self.claims:
            if claim.id == claim_id:
                return claim.verdict
        raise KeyError("no claim %r in this instance's report" % claim_id)

    @property
    def refuted(self):
        return [claim for claim in self.claims if claim.verdict == "REFUTED"]

    def __getitem__(self, name):
        return self.quantities[name]


@dataclass(frozen=True)
class DataReview:
    """``unlearning-check check-data``: near-orthogonality and the hypotheses the data decide.

    ``zeta`` = max_{i≠j} |⟨x_i, x_j⟩| is attained at ``zeta_pair``;
    ``p_orthogonality`` is None when ζ = 0 (p = ∞). ``failing`` lists the
    hypotheses the data decide false; ``dropped`` the points whose removal
    leaves a subset with p ≥ 3 (empty when none was needed or found).
    """

    n: int
    d: int
    zeta: Enclosure
    zeta_pair: tuple
    p_orthogonality: object
    verdict: str
    failing: list
    dropped: list
    json: dict = field(repr=False)

    @classmethod
    def from_json(cls, document):
        p = document.get("p_orthogonality")
        zeta = document["zeta"]
        failing = sorted({row["hypothesis"] for row in document.get("hypotheses", []) if row.get("holds") is False})
        subset = document.get("orthogonal_subset") or {}
        return cls(document["n"], document["d"], Enclosure.from_json(zeta["value"]), tuple(zeta.get("pair") or ()),
                   _optional(p) if isinstance(p, dict) else None, document["verdict"], failing,
                   list(subset.get("dropped") or []), document)
