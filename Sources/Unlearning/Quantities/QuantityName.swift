//===--- QuantityName.swift -----------------------------------------------===//
// The names of the quantities, checked by the compiler.
//===----------------------------------------------------------------------===//

/// The name of a measured or derived quantity, as claims and reports spell
/// it (the raw value). Each has one definition in ``QuantityDefinitions``;
/// a quantity table is written only through these cases, so a misspelt
/// name does not compile.
public enum QuantityName: String, Sendable, Hashable, CaseIterable {
  case n
  case d
  case rMin2 = "R_min2"
  case rMax2 = "R_max2"
  case zeta
  case crossClassInnerMax = "cross_class_inner_max"
  case sameClassInnerMin = "same_class_inner_min"
  case zetaR = "zeta_r"
  case pOrthogonality = "p_orthogonality"
  case normXR2 = "norm_x_r2"
  case forgetSize = "forget_size"
  case lambdaForget = "lambda_forget"
  case forgetInteraction = "forget_interaction"
  case lambda
  case lambdaR = "lambda_r"
  case lambdaMax = "lambda_max"
  case lambdaMin = "lambda_min"
  case allActive = "all_active"
  case stepIsScaled = "step_is_scaled"
  case stepMeasured = "step_measured"
  case c
  case betaStar = "beta_star"
  case beta
  case betaStarForget = "beta_star_forget"
  case forgetMargins = "forget_margins"
  case forgetMarginsAfter = "forget_margins_after"
  case marginsAfter = "margins_after"
  case epsilon
  case epsilon2
  case tau
  case delta
  case deltaTwoSided = "delta_two_sided"
  case slacknessSum = "slackness_sum"
  case maxMarginShift = "max_margin_shift"
  case epsilonOpt = "epsilon_opt"
  case epsilonOpt2 = "epsilon_opt2"
  case lambdaRetrained = "lambda_retrained"
  case retrainedAllActive = "retrained_all_active"
  case retrainedMeasured = "retrained_measured"
  case epsilonRetrained2 = "epsilon_retrained2"
  case tauRetrained = "tau_retrained"
  case slacknessRetrained = "slackness_retrained"
  case lambdaRetrainedMin = "lambda_retrained_min"
  case distanceToRetrained = "distance_to_retrained"
  case distanceToRetrained2 = "distance_to_retrained2"
  case cosineToRetrained = "cosine_to_retrained"
  case normUnlearned2 = "norm_unlearned2"
  case normRetrained = "norm_retrained"
  case normRetrained2 = "norm_retrained2"
  case rescaleFactor = "rescale_factor"
  case epsilonRescaled = "epsilon_rescaled"
  case epsilonRescaled2 = "epsilon_rescaled2"
  case tauRescaled = "tau_rescaled"
  case deltaRescaled = "delta_rescaled"
  case slacknessSumRescaled = "slackness_sum_rescaled"
  case distanceRescaledToRetrained = "distance_rescaled_to_retrained"
  case distanceRescaledToRetrained2 = "distance_rescaled_to_retrained2"
  case normRescaled = "norm_rescaled"
  case marginIdentityDefect = "margin_identity_defect"
  case gramIdentityDefect = "gram_identity_defect"
  case retrainIdentityDefect = "retrain_identity_defect"
  case qR = "q_r"
  case qRAfter = "q_r_after"
  case lossLogistic = "loss_logistic"
  case eta
  case etaLimit = "eta_limit"
  case muNorm = "mu_norm"
  case meanCrossInner = "mean_cross_inner"
  case testErrorExact = "test_error_exact"
  case testErrorOriginal = "test_error_original"
  case testErrorUnlearned = "test_error_unlearned"
  case testErrorRetrained = "test_error_retrained"
  case testErrorOriginalMc = "test_error_original_mc"
  case testErrorUnlearnedMc = "test_error_unlearned_mc"
  case testErrorRetrainedMc = "test_error_retrained_mc"
  case m
  case gamma
  case kktVerified = "kkt_verified"
  case startIsTrained = "start_is_trained"
  case epsilonStart = "epsilon_start"
  case epsilonStart2 = "epsilon_start2"
  case deltaStart = "delta_start"
  case rho
  case betaStarUser = "beta_star_user"
  case cosineStartToKkt = "cosine_start_to_kkt"
  case gainR = "gain_r"
  case gainR2 = "gain_r2"
  case forgetInteractionGain = "forget_interaction_gain"
  case activationFlips = "activation_flips"
  case signStable = "sign_stable"
  case forgottenFlips = "forgotten_flips"
  case runMeasured = "run_measured"
  case runSteps = "run_steps"
  case runLearningRate = "run_learning_rate"
  case runRateIsBeta = "run_rate_is_beta"
  case runRetainDescent = "run_retain_descent"
  case runEpsilon2 = "run_epsilon2"
  case runTau = "run_tau"
  case runDelta = "run_delta"
  case runMaxMarginShift = "run_max_margin_shift"
  case runQRAfter = "run_q_r_after"
  case runForgetMarginRise = "run_forget_margin_rise"
  case runForgottenShiftDefect = "run_forgotten_shift_defect"
  case separableExpected = "separable_expected"
  case separableFound = "separable_found"
  case separatorMinMargin = "separator_min_margin"
  case farkasResidual2 = "farkas_residual2"
  case farkasWeightMin = "farkas_weight_min"
  case farkasWeightSum = "farkas_weight_sum"
}
