//===--- QuantityDefinitions.swift ----------------------------------------===//
// Every quantity name a claim may use, with its definition: the contract
// between the mathematics and the catalog (`explain` prints these).
//===----------------------------------------------------------------------===//

/// The definition of one named quantity.
public struct QuantityDefinition: Sendable {
  /// Scalar, vector or boolean.
  public enum Kind: String, Sendable { case scalar, vector, boolean }

  public let name: String
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
}

public enum QuantityDefinitions {
  static let models: Set<ClaimSetting> = [.linear, .twoLayer]

  /// All definitions, in report order.
  public static let all: [QuantityDefinition] = {
    let both = models
    let linear: Set<ClaimSetting> = [.linear]
    let twoLayer: Set<ClaimSetting> = [.twoLayer]
    let mixture: Set<ClaimSetting> = [.gaussianMixture]
    func s(_ n: String, _ d: String, _ settings: Set<ClaimSetting>) -> QuantityDefinition { .init(name: n, kind: .scalar, settings: settings, definition: d) }
    func v(_ n: String, _ d: String, _ settings: Set<ClaimSetting>) -> QuantityDefinition { .init(name: n, kind: .vector, settings: settings, definition: d) }
    func b(_ n: String, _ d: String, _ settings: Set<ClaimSetting>) -> QuantityDefinition { .init(name: n, kind: .boolean, settings: settings, definition: d) }
    return [
      s("n", "number of training points |S|", both),
      s("d", "input dimension", both),
      s("R_min2", "R²_min = min_i ‖x_i‖²", both),
      s("R_max2", "R²_max = max_i ‖x_i‖²", both),
      s("zeta", "ζ = max_{i≠j} |⟨x_i, x_j⟩|", both),
      s("zeta_r", "ζ_r = max_{i≠r} |⟨x_r, x_i⟩| (one forgotten point)", both),
      s("p_orthogonality", "p = R²_min / ((R²_max/R²_min)·n·ζ), the largest p for which S is p-orthogonal (undefined when ζ = 0)", both),
      s("norm_x_r2", "‖x_r‖² (one forgotten point)", both),
      s("forget_size", "|F|, the number of points forgotten in the one step (1 in the paper's setting)", both),
      v("lambda_forget", "λ_r for r ∈ F, in index order", both),
      s("forget_interaction", "max_{i∉F} Σ_{r∈F} λ_r |⟨x_r, x_i⟩| (= λ_r ζ_r when F = {r})", both),
      v("lambda", "KKT multipliers λ of the margin problem on S", both),
      s("lambda_r", "λ_r, the multiplier of the forgotten point (one forgotten point)", both),
      s("lambda_max", "max_i λ_i", both),
      s("lambda_min", "min_i λ_i", both),
      b("all_active", "every λ_i > 0 (all points are support vectors)", both),
      b("step_is_scaled", "the step is β = c·β* with an exact c (so β ℓ'(q_r) = −cλ_r exactly)", both),
      s("c", "the step as a fraction of β*: β = c·β*", both),
      s("beta_star", "β* = λ_r / |ℓ'(q_r)| (one forgotten point)", both),
      s("beta", "the step size used (one forgotten point)", both),
      v("beta_star_forget", "β*_r = λ_r / |ℓ'(q_r)| for r ∈ F (a forget set of more than one point; its step is β_r = c·β*_r)", both),
      v("forget_margins", "q_r = y_r N(x_r; θ) for r ∈ F, before the step", both),
      v("forget_margins_after", "q'_r = y_r N(x_r; θ') for r ∈ F, after the step", both),
      v("margins_after", "q'_i = y_i N(x_i; θ') for i ≠ r, in index order", both),
      s("epsilon", "ε = ‖θ' − Σ_{i≠r} λ_i y_i ∇N(x_i; θ')‖, the stationarity residual on S∖{r} with inherited multipliers, φ' at θ', formed from the explicit θ' = θ + β∇_θ ℓ(y_r N(x_r; θ)), in ℚᵈ or as coefficients on the data rows with the norm through the Gram matrix", both),
      s("epsilon2", "ε²", both),
      s("tau", "τ = max(0, max_{i≠r} (1 − q'_i)), the feasibility slack", both),
      s("delta", "δ = max_{i≠r} λ_i (q'_i − 1), the complementary-slackness residual", both),
      s("slackness_sum", "Σ_{i≠r} λ_i (q'_i − 1)", both),
      s("max_margin_shift", "max_{i≠r} |q'_i − q_i|", both),
      s("epsilon_opt", "min over λ ≥ 0 of the stationarity residual on S∖{r} (exact NNLS)", both),
      s("epsilon_opt2", "epsilon_opt²", both),
      v("lambda_retrained", "multipliers of the KKT point retrained on S∖{r}", both),
      b("retrained_all_active", "every retrained multiplier is > 0", both),
      s("distance_to_retrained", "‖θ' − θ*‖ to the retrained KKT point θ*", both),
      s("distance_to_retrained2", "‖θ' − θ*‖²", both),
      s("cosine_to_retrained", "⟨θ', θ*⟩ / (‖θ'‖‖θ*‖)", both),
      s("norm_unlearned2", "‖θ'‖²", both),
      s("norm_retrained", "‖θ*‖", both),
      s("norm_retrained2", "‖θ*‖²", both),
      s("rescale_factor", "μ = min_{i≠r} q'_i (rescaled variant, linear.rescaled-feasible; exact steps only)", both),
      s("epsilon_rescaled", "ε'' = ε/μ for θ'' = θ'/μ with multipliers λ/μ", both),
      s("epsilon_rescaled2", "ε''²", both),
      s("tau_rescaled", "τ'' = max(0, max_{i≠r}(1 − q''_i)) with q''_i = y_i N(x_i; θ'') recomputed from the pre-activations of θ'' = θ'/μ", both),
      s("delta_rescaled", "δ'' = max_{i≠r} (λ_i/μ)(q'_i/μ − 1)", both),
      s("slackness_sum_rescaled", "Σ_{i≠r} (λ_i/μ)(q'_i/μ − 1)", both),
      s("distance_rescaled_to_retrained", "‖θ'' − θ*‖", both),
      s("distance_rescaled_to_retrained2", "‖θ'' − θ*‖²", both),
      s("norm_rescaled", "‖θ''‖", both),
      s("margin_identity_defect", "derived: the measured q'_i = y_i N(x_i; θ') against the closed form, max_{i≠r} |q'_i − (q_i − cλ_r y_r y_i⟨x_r, x_i⟩)| with q = Qλ from the margin problem (linear, linear.margin-shift-identity), or |q'_i − (1 − cλ_r K_ir)| (two-layer KKT start, two-layer.margin-shift-identity, 0 when no pattern flips)", both),
      s("gram_identity_defect", "|zᵀGz − ‖Xᵀz‖²| for a fixed z with entries in ±[1, 2²⁰]: the Gram matrix every margin problem and inner product uses, against the data rows themselves (0 iff the identity holds; a wrong entry G_ij changes it by 2z_i z_j ΔG_ij)", linear),
      s("retrain_identity_defect", "max_i |(Q_{−r}(λ* − λ_{−r}))_i − λ_r Q_ir| when all constraints are active (0 iff §F.1(iv)'s λ* − λ_{−r} = λ_r Q_{−r}⁻¹Q_{−r,r} holds)", linear),
      s("q_r", "q_r = y_r N(x_r; θ), the margin of the forgotten point (one forgotten point)", both),
      s("eta", "label-noise rate η of the Gaussian mixture", mixture),
      s("mu_norm", "‖μ‖ of the Gaussian mixture", mixture),
      b("test_error_exact", "the test errors have the closed form below (linear models, and leaky networks with Frei structure, whose decision boundary is linear; false for a zero predictor)", mixture),
      s("test_error_original", "P(y ≠ sign N(x; θ)) on the mixture, = η + (1−2η)Φ(−⟨w,μ⟩/‖w‖) for a linear decision boundary", mixture),
      s("test_error_unlearned", "the same for θ'", mixture),
      s("test_error_retrained", "the same for θ*", mixture),
      s("test_error_original_mc", "Monte Carlo estimate of the test error of θ (networks without a linear boundary); statistical, no claim may use it", mixture),
      s("test_error_unlearned_mc", "the same for θ'", mixture),
      s("test_error_retrained_mc", "the same for θ*", mixture),
      s("m", "hidden width (even); outer weights a_j = ±1/√m", twoLayer),
      s("gamma", "leak γ of φ(z) = max(γz, z) (0 is ReLU)", twoLayer),
      b("kkt_verified", "the Frei-structured candidate (all positive neurons v, all negative u, Kλ = 1) is an exact KKT point: λ > 0 and the activation patterns hold", twoLayer),
      b("start_is_trained", "the start is trained (gradient descent) or given (--weights), normalized to margin 1 with NNLS multipliers, not the exact KKT point", both),
      s("epsilon_start", "ε₀: the stationarity residual of the start with NNLS multipliers (0 for the exact KKT point)", both),
      s("epsilon_start2", "ε₀²", both),
      s("delta_start", "δ₀ = max_i λ_i (q_i − 1) of the start", both),
      s("rho", "ρ = min_i y_i N(x_i; θ) of a trained or given start θ = ρ θ̂ (θ̂ at margin 1)", both),
      s("beta_star_user", "the properly scaled step at the user's scale, β = ρ^(2−L) λ̂_r / |ℓ'(ρ^L q̂_r)| with L = 1 (its result is ρ θ̂' by homogeneity; N is 1-homogeneous in the first layer with the outer layer fixed; one forgotten point)", both),
      s("cosine_start_to_kkt", "cos(W_trained, W_kkt) between a trained start and the structured KKT point", twoLayer),
      s("gain_r", "Σ_j a_j² φ'(⟨w_j, x_r⟩) (≤ 1; one forgotten point)", twoLayer),
      s("gain_r2", "Σ_j a_j² φ'(⟨w_j, x_r⟩)² (one forgotten point)", twoLayer),
      s("forget_interaction_gain", "max_{i∉F} Σ_{r∈F} λ_r gain_r |⟨x_r, x_i⟩| with gain_r = Σ_j a_j² φ'(⟨w_j, x_r⟩) (= λ_r ζ_r gain_r when F = {r})", twoLayer),
      s("activation_flips", "number of pairs (i ≠ r, j) whose pre-activation sign changed in the step", twoLayer),
      b("sign_stable", "no activation flips", twoLayer),
    ]
  }()

  /// The quantities defined only when one point is forgotten: a claim that
  /// reads one must assume `forget_size == 1` (the catalog checks it).
  public static let singlePoint: Set<String> = ["norm_x_r2", "lambda_r", "zeta_r", "beta_star", "beta", "q_r", "gain_r", "gain_r2", "beta_star_user"]

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
