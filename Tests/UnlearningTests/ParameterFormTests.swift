import Bounds
import Exact
import TestSupport
import Testing
@testable import Unlearning
@testable import Claims
@testable import Formats

/// The two exact forms of the linear weights (``ParameterForm``) are a matter
/// of cost only: held as coefficients on the data rows (inner products
/// through G) or as explicit vectors in ℚᵈ, every quantity is the same
/// exact number or the same enclosure.
@Suite struct ParameterFormTests {
  /// The default suite's linear instances (KKT, trained, forget sets, the
  /// mixture): the quantity tables agree as JSON, every number and enclosure
  /// included, and the span form is what the KKT starts with d > n use.
  @Test func spanAndExplicitFormsAgreeOnTheDefaultSuite() throws {
    var compared = 0
    for var spec in Suite.standard.instances where spec.model == .linear && spec.expectedSeparable != false {
      spec.parameterForm = .explicit
      let explicit = try #require(try spec.analyse() as? LinearUnlearning)
      spec.parameterForm = .span
      let span = try #require(try spec.analyse() as? LinearUnlearning)
      #expect(explicit.parameterForm == .explicit)
      #expect(span.parameterForm == (spec.start == .kkt ? .span : .explicit), "\(spec.name)")
      spec.parameterForm = .automatic
      let automatic = try #require(try spec.analyse() as? LinearUnlearning)
      let d = automatic.instance.dimension, n = automatic.instance.count
      #expect(automatic.parameterForm == (spec.start == .kkt && d > n ? .span : .explicit), "\(spec.name)")
      let (a, b) = (try explicit.quantities().json.rendered(), try span.quantities().json.rendered())
      #expect(a == b, "\(spec.name): the quantity tables differ")
      // θ' itself, formed from either form, is the same vector in ℚᵈ.
      #expect(explicit.measured.unlearned.blocks[0] == span.measured.unlearned.blocks[0], "\(spec.name)")
      compared += 1
    }
    #expect(compared >= 8)
  }

  /// Inner products, pre-activations and coordinates of parameters in the
  /// span equal those of the explicit vectors Xᵀc, also mixed with explicit
  /// parameters, on rows with an off-grid denominator.
  @Test func spanParametersMeasureAsTheirVectors() throws {
    let data = try instance([["1/3", "2", "-1", "0"], ["5", "-1/7", "2", "3"], ["0", "1", "1", "-2/5"]], [1, -1, 1])
    let gram = data.data.gram
    let span = DataSpan(data: data.data, gram: IntegerBilinearForm(gram))
    let c = ScaledIntegerVector([Rational(2), try Rational(-3, 4), try Rational(1, 5)]), e = ScaledIntegerVector([Rational(0), Rational(7), Rational(-1)])
    let u = Parameters(coefficients: [c], span: span), v = Parameters(coefficients: [e], span: span)
    let (uu, vv) = (Parameters(blocks: u.blocks), Parameters(blocks: v.blocks))
    #expect(u.blocks[0] == span.vector(c))
    #expect(Parameters.inner(u, v, weight: Rational(1)) == Parameters.inner(uu, vv, weight: Rational(1)))
    #expect(Parameters.inner(u, vv, weight: Rational(3)) == Parameters.inner(uu, vv, weight: Rational(3)))
    #expect(Parameters.inner(uu, v, weight: Rational(1)) == Parameters.inner(uu, vv, weight: Rational(1)))
    #expect(u.preactivations(on: data.data)[0].rationals == uu.preactivations(on: data.data)[0].rationals)
    #expect((0..<4).map { u.coordinate($0, ofBlock: 0) } == uu.blocks[0].rationals)
    #expect(u.adding(v, times: try Rational(-2, 3)).blocks[0] == uu.adding(vv, times: try Rational(-2, 3)).blocks[0])
    #expect(u.adding(vv, times: Rational(5)).blocks[0] == uu.adding(vv, times: Rational(5)).blocks[0])
  }

  /// The Gram identity zᵀGz = ‖Xᵀz‖² holds for the Gram matrix the analysis
  /// uses, and fails for one with a single wrong entry pair.
  @Test func gramIdentityDetectsAWrongEntry() throws {
    let data = try instance([["1/3", "2", "-1", "0"], ["5", "-1/7", "2", "3"], ["0", "1", "1", "-2/5"]], [1, -1, 1]).data
    let gram = data.gram
    #expect(LinearUnlearning.gramIdentityDefect(data: data, gram: IntegerBilinearForm(gram)).isZero)
    var entries = gram.entries
    entries[1] += Rational(1, overPowerOfTwo: 30)
    entries[3] += Rational(1, overPowerOfTwo: 30)
    let wrong = try Matrix(rows: 3, columns: 3, entries: entries)
    #expect(!LinearUnlearning.gramIdentityDefect(data: data, gram: IntegerBilinearForm(wrong)).isZero)
  }
}
