//===--- QuantityDefinitions.swift ----------------------------------------===//
// Every quantity name a claim may use, with its definition: the contract
// between the mathematics and the catalog (`explain` prints these).
//===----------------------------------------------------------------------===//

/// The definition of one named quantity.
public struct QuantityDefinition: Sendable {
  /// Scalar, vector or boolean.
  public enum Kind: String, Sendable { case scalar, vector, boolean }

  public let quantity: QuantityName
  public var name: String { quantity.rawValue }
  public let kind: Kind
  /// The settings whose instances define it.
  public let settings: Set<ClaimSetting>
  /// The formula, in the notation of theorems/DERIVATIONS.md.
  public let definition: String
}

/// The setting a claim is about; an instance belongs to one or more.
public enum ClaimSetting: String, Sendable, Hashable, CaseIterable {
  case linear
  case twoLayer = "two-layer"
  /// Data drawn from the Gaussian mixture (any model).
  case gaussianMixture = "gaussian-mixture"
  /// Every instance.
  case any
  /// An instance whose suite entry states whether its data are separable
  /// (`expect`) and whose outcome is measured instead of its step.
  case separability
}

public enum QuantityDefinitions {
  static let models: Set<ClaimSetting> = [.linear, .twoLayer]

  /// All definitions, in report order.
  public static let all: [QuantityDefinition] = {
    let both = models
    let linear: Set<ClaimSetting> = [.linear]
    let twoLayer: Set<ClaimSetting> = [.twoLayer]
    let mixture: Set<ClaimSetting> = [.gaussianMixture]
    let separability: Set<ClaimSetting> = [.separability]
    func s(_ n: QuantityName, _ d: String, _ settings: Set<ClaimSetting>) -> QuantityDefinition { .init(quantity: n, kind: .scalar, settings: settings, definition: d) }
    func v(_ n: QuantityName, _ d: String, _ settings: Set<ClaimSetting>) -> QuantityDefinition { .init(quantity: n, kind: .vector, settings: settings, definition: d) }
    func b(_ n: QuantityName, _ d: String, _ settings: Set<ClaimSetting>) -> QuantityDefinition { .init(quantity: n, kind: .boolean, settings: settings, definition: d) }
    return [
      s(.n, "number of training points |S|", both),
      s(.d, "input dimension", both),
      s(.rMin2, "R²_min = min_i ‖x_i‖²", both),
      s(.rMax2, "R²_max = max_i ‖x_i‖²", both),
      s(.zeta, "ζ = max_{i≠j} |⟨x_i, x_j⟩|", both),
      s(.crossClassInnerMax, "max_{y_i ≠ y_k} ⟨x_i, x_k⟩, the largest inner product between opposite labels (signed; 0 with one class)", twoLayer),
      s(.sameClassInnerMin, "min_{y_i = y_k, i ≠ k} ⟨x_i, x_k⟩, the smallest inner product between distinct points of one label (signed; 0 with no such pair)", twoLayer),
      s(.zetaR, "ζ_r = max_{i≠r} |⟨x_r, x_i⟩| (one forgotten point)", both),
      s(.pOrthogonality, "p = R²_min / ((R²_max/R²_min)·n·ζ), the largest p for which S is p-orthogonal; when ζ = 0 S is p-orthogonal for every p, and claims are decided at p = 2⁶⁴", both),
      s(.normXR2, "‖x_r‖² (one forgotten point)", both),
      s(.forgetSize, "|F|, the number of points forgotten in the one step (1 in the paper's setting)", both),
      v(.lambdaForget, "λ_r for r ∈ F, in index order", both),
      s(.forgetInteraction, "max_{i∉F} Σ_{r∈F} λ_r |⟨x_r, x_i⟩| (= λ_r ζ_r when F = {r})", both),
      v(.lambda, "KKT multipliers λ of the margin problem on S", both),
      s(.lambdaR, "λ_r, the multiplier of the forgotten point (one forgotten point)", both),
      s(.lambdaMax, "max_i λ_i", both),
      s(.lambdaMin, "min_i λ_i", both),
      b(.allActive, "every λ_i > 0 (all points are support vectors)", both),
      b(.stepMeasured, "the instance has a start, and the step was taken from it and measured (false for a ReLU network with neither a structured KKT point nor a trained start)", both),
      b(.stepIsScaled, "the step is β = c·β* with an exact c (so β ℓ'(q_r) = −cλ_r exactly)", both),
      s(.c, "the step as a fraction of β*: β = c·β*", both),
      s(.betaStar, "β* = λ_r / |ℓ'(q_r)| (one forgotten point)", both),
      s(.beta, "the step size used (one forgotten point)", both),
      v(.betaStarForget, "β*_r = λ_r / |ℓ'(q_r)| for r ∈ F (a forget set of more than one point; its step is β_r = c·β*_r)", both),
      v(.forgetMargins, "q_r = y_r N(x_r; θ) for r ∈ F, before the step", both),
      v(.forgetMarginsAfter, "q'_r = y_r N(x_r; θ') for r ∈ F, after the step", both),
      v(.marginsAfter, "q'_i = y_i N(x_i; θ') for i ≠ r, in index order", both),
      s(.epsilon, "ε = ‖θ' − Σ_{i≠r} λ_i y_i ∇N(x_i; θ')‖, the stationarity residual on S∖{r} with inherited multipliers, φ' at θ', formed from the explicit θ' = θ + β∇_θ ℓ(y_r N(x_r; θ)), in ℚᵈ or as coefficients on the data rows with the norm through the Gram matrix", both),
      s(.epsilon2, "ε²", both),
      s(.tau, "τ = max(0, max_{i≠r} (1 − q'_i)), the feasibility slack", both),
      s(.delta, "δ = max_{i≠r} λ_i (q'_i − 1), the complementary-slackness residual", both),
      s(.deltaTwoSided, "δ± = max_{i≠r} λ_i |q'_i − 1|, complementary slackness in its two-sided form (δ± ≥ δ)", both),
      s(.slacknessSum, "Σ_{i≠r} λ_i (q'_i − 1)", both),
      s(.maxMarginShift, "max_{i≠r} |q'_i − q_i|", both),
      s(.epsilonOpt, "min over λ ≥ 0 of the stationarity residual on S∖{r} (exact NNLS)", both),
      s(.epsilonOpt2, "epsilon_opt²", both),
      v(.lambdaRetrained, "multipliers of the KKT point retrained on S∖{r}", both),
      b(.retrainedAllActive, "every retrained multiplier is > 0", both),
      b(.retrainedMeasured, "the retrained point θ* exists and is measured below (false when the structured candidate on S∖{r} is not a KKT point)", both),
      s(.epsilonRetrained2, "‖θ* − Σ_{i≠r} λ*_i y_i ∇N(x_i; θ*)‖², measured from the explicit θ* with its solver's multipliers λ* and φ' at θ*", both),
      s(.tauRetrained, "max(0, max_{i≠r} (1 − q*_i)) with q*_i = y_i N(x_i; θ*) from θ*'s pre-activations", both),
      s(.slacknessRetrained, "max_{i≠r} |λ*_i (q*_i − 1)|, two-sided complementary slackness at θ*", both),
      s(.lambdaRetrainedMin, "min_{i≠r} λ*_i (a retained point without a multiplier counts as 0)", both),
      s(.distanceToRetrained, "‖θ' − θ*‖ to the retrained KKT point θ*", both),
      s(.distanceToRetrained2, "‖θ' − θ*‖²", both),
      s(.cosineToRetrained, "⟨θ', θ*⟩ / (‖θ'‖‖θ*‖)", both),
      s(.normUnlearned2, "‖θ'‖²", both),
      s(.normRetrained, "‖θ*‖", both),
      s(.normRetrained2, "‖θ*‖²", both),
      s(.rescaleFactor, "μ = min_{i≠r} q'_i (rescaled variant, linear.rescaled-feasible; exact steps only)", both),
      s(.epsilonRescaled, "ε'' = ε/μ for θ'' = θ'/μ with multipliers λ/μ", both),
      s(.epsilonRescaled2, "ε''²", both),
      s(.tauRescaled, "τ'' = max(0, max_{i≠r}(1 − q''_i)) with q''_i = y_i N(x_i; θ'') recomputed from the pre-activations of θ'' = θ'/μ", both),
      s(.deltaRescaled, "δ'' = max_{i≠r} (λ_i/μ)(q'_i/μ − 1)", both),
      s(.slacknessSumRescaled, "Σ_{i≠r} (λ_i/μ)(q'_i/μ − 1)", both),
      s(.distanceRescaledToRetrained, "‖θ'' − θ*‖", both),
      s(.distanceRescaledToRetrained2, "‖θ'' − θ*‖²", both),
      s(.normRescaled, "‖θ''‖", both),
      s(.marginIdentityDefect, "derived: the measured q'_i = y_i N(x_i; θ') against the closed form, max_{i≠r} |q'_i − (q_i − cλ_r y_r y_i⟨x_r, x_i⟩)| with q = Qλ from the margin problem (linear, linear.margin-shift-identity), or |q'_i − (1 − cλ_r K_ir)| (two-layer KKT start, two-layer.margin-shift-identity, 0 when no pattern flips)", both),
      s(.gramIdentityDefect, "|zᵀGz − ‖Xᵀz‖²| for a fixed z with entries in ±[1, 2²⁰]: the Gram matrix every margin problem and inner product uses, against the data rows themselves (0 iff the identity holds; a wrong entry G_ij changes it by 2z_i z_j ΔG_ij)", linear),
      s(.retrainIdentityDefect, "max_i |(Q_{−r}(λ* − λ_{−r}))_i − λ_r Q_ir| when all constraints are active (0 iff §F.1(iv)'s λ* − λ_{−r} = λ_r Q_{−r}⁻¹Q_{−r,r} holds)", linear),
      s(.qR, "q_r = y_r N(x_r; θ), the margin of the forgotten point (one forgotten point)", both),
      s(.qRAfter, "q'_r = y_r N(x_r; θ'), the forgotten point's margin after the step, from the explicit θ' (one forgotten point)", both),
      s(.lossLogistic, "1 for the logistic loss, 0 for the exponential, so that 1/|ℓ'(q)| = e^q + loss_logistic for both: claims write the step's closed form with it, independently of the code's ℓ'", both),
      s(.eta, "label-noise rate η of the Gaussian mixture", mixture),
      s(.etaLimit, "the largest label noise Frei et al.'s generalization corollaries admit: 49/100 for a linear predictor (Cor. 12), 49γ²/100 for a leaky network (Cor. 13)", mixture),
      s(.muNorm, "‖μ‖ of the Gaussian mixture (every cluster mean has this norm)", mixture),
      s(.meanCrossInner, "max over clusters q ≠ r of |⟨μ^(q), μ^(r)⟩|, the right side of Frei et al.'s (CL4): ‖μ‖² for P_opp's ±μ, 0 for the two-clusters generator's orthogonal means", mixture),
      b(.testErrorExact, "the test errors have the closed form below (linear models, and leaky networks with Frei structure, whose decision boundary is linear; false for a zero predictor)", mixture),
      s(.testErrorOriginal, "P(y ≠ sign N(x; θ)) on the mixture, = η + (1−2η)Φ(−⟨w,μ⟩/‖w‖) for a linear decision boundary", mixture),
      s(.testErrorUnlearned, "the same for θ'", mixture),
      s(.testErrorRetrained, "the same for θ*", mixture),
      s(.testErrorOriginalMc, "Monte Carlo estimate of the test error of θ (networks without a linear boundary); statistical, no claim may use it", mixture),
      s(.testErrorUnlearnedMc, "the same for θ'", mixture),
      s(.testErrorRetrainedMc, "the same for θ*", mixture),
      s(.m, "hidden width (even); outer weights a_j = ±1/√m", twoLayer),
      s(.gamma, "leak γ of φ(z) = max(γz, z) (0 is ReLU)", twoLayer),
      b(.kktVerified, "the Frei-structured candidate (all positive neurons v, all negative u, Kλ = 1) is an exact KKT point: λ > 0 and the activation patterns hold", twoLayer),
      b(.startIsTrained, "the start is trained (gradient descent) or given (--weights), normalized to margin 1 with NNLS multipliers, not the exact KKT point", both),
      s(.epsilonStart, "ε₀: the stationarity residual of the start with NNLS multipliers (0 for the exact KKT point)", both),
      s(.epsilonStart2, "ε₀²", both),
      s(.deltaStart, "δ₀ = max_i λ_i (q_i − 1) of the start", both),
      s(.rho, "ρ = min_i y_i N(x_i; θ) of a trained or given start θ = ρ θ̂ (θ̂ at margin 1)", both),
      s(.betaStarUser, "the properly scaled step at the user's scale, β = ρ^(2−L) λ̂_r / |ℓ'(ρ^L q̂_r)| with L = 1 (its result is ρ θ̂' by homogeneity; N is 1-homogeneous in the first layer with the outer layer fixed; one forgotten point)", both),
      s(.cosineStartToKkt, "cos(W_trained, W_kkt) between a trained start and the structured KKT point", twoLayer),
      s(.gainR, "Σ_j a_j² φ'(⟨w_j, x_r⟩) (≤ 1; one forgotten point)", twoLayer),
      s(.gainR2, "Σ_j a_j² φ'(⟨w_j, x_r⟩)² (one forgotten point)", twoLayer),
      s(.forgetInteractionGain, "max_{i∉F} Σ_{r∈F} λ_r gain_r |⟨x_r, x_i⟩| with gain_r = Σ_j a_j² φ'(⟨w_j, x_r⟩) (= λ_r ζ_r gain_r when F = {r})", twoLayer),
      s(.activationFlips, "number of pairs (i ≠ r, j) whose pre-activation sign changed in the step", twoLayer),
      b(.signStable, "no activation flips", twoLayer),
      s(.forgottenFlips, "number of pairs (r ∈ F, j) whose pre-activation on a forgotten point changed sign in the step", twoLayer),
      b(.runMeasured, "a run of K fixed-rate ascent steps (`steps`, `learning_rate` of a suite entry; `instance --steps`) was taken from the start and measured", both),
      s(.runSteps, "K, the run's number of steps", both),
      s(.runLearningRate, "η, the run's fixed learning rate (the explicit β when none is given)", both),
      b(.runRateIsBeta, "η equals the instance's explicit β, so the run's first step is the instance's step", both),
      b(.runRetainDescent, "the run also descends on the retained data's mean loss (gradient difference)", both),
      s(.runEpsilon2, "ε² at θ_K, the run's last iterate, with the inherited multipliers on S∖F (measured by the run from its span form)", both),
      s(.runTau, "τ at θ_K", both),
      s(.runDelta, "δ at θ_K", both),
      s(.runMaxMarginShift, "max_{i∉F} |q_i(θ_K) − q_i(θ)|", both),
      s(.runQRAfter, "q_r(θ_K), the forgotten margin after the run (one forgotten point)", both),
      s(.runForgetMarginRise, "max over steps t and r ∈ F of q_r(θ_t) − q_r(θ_{t−1}): negative when every step lowers every forgotten margin", both),
      s(.runForgottenShiftDefect, "derived (linear, one point, no retain descent): max_t |(q_r(t−1) − q_r(t))(e^{q_r(t−1)} + loss_logistic)/(η‖x_r‖²) − 1|, each step's measured fall of q_r against its closed form", linear),
      s(.separableExpected, "1 when the suite entry expects the data to be separable through the origin (`expect = \"separable\"`), 0 when it expects them not to be", separability),
      s(.separableFound, "1 when the analysis found a linear predictor w with every margin y_i⟨w, x_i⟩ ≥ 1 (its margin problem solved), 0 when it reported the data not separable", separability),
      s(.separatorMinMargin, "min_i y_i⟨w, x_i⟩ of the separator the analysis found, from X (when it found one)", separability),
      s(.farkasResidual2, "‖Σ_i μ_i y_i x_i‖² for the analysis's Farkas weights μ, summed over the rows of X in d dimensions (not through the Gram matrix)", separability),
      s(.farkasWeightMin, "min_i μ_i of the Farkas weights", separability),
      s(.farkasWeightSum, "Σ_i μ_i of the Farkas weights", separability),
    ]
  }()

  /// The quantities defined only when one point is forgotten: a claim that
  /// reads one must assume `forget_size == 1` (the catalog checks it).
  public static let singlePoint: Set<String> = ["norm_x_r2", "lambda_r", "zeta_r", "beta_star", "beta", "q_r", "gain_r", "gain_r2", "beta_star_user", "run_q_r_after"]

  /// The definition of a name.
  public static func definition(of name: String) -> QuantityDefinition? { all.first { $0.name == name } }

  /// Whether a name can appear in a claim of a setting.
  public static func isKnown(_ name: String, in setting: ClaimSetting) -> Bool {
    guard let d = definition(of: name) else { return false }
    switch setting {
    case .any: return true
    case .gaussianMixture: return true  // mixture instances are also linear or two-layer instances
    default: return d.settings.contains(setting) || d.settings.contains(.gaussianMixture)
    }
  }
}
