using ClvML.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace ClvML.Probabilistic;

/// <summary>What <see cref="LikelihoodFit.Run"/> returns: natural-scale parameters, diagnostics and standard errors.</summary>
internal sealed record FitOutcome(double[] Parameters, FitDiagnostics Diagnostics, IReadOnlyDictionary<string, double> StandardErrors)
{
    /// <summary>
    /// The asymptotic covariance of the log-parameters: the inverse Hessian of the total negative
    /// log-likelihood at the optimum (null when standard errors were not asked for or the Hessian is not positive definite).
    /// </summary>
    public double[,]? LogCovariance { get; init; }

    /// <summary>The winning BFGS run's inverse-Hessian approximation (of the mean objective, in log-parameters).</summary>
    public double[,]? InverseHessian { get; init; }
}

/// <summary>
/// The shared maximum-likelihood machinery of the BTYD models (lifetimes' BaseFitter in spirit).
/// A model supplies its total negative log-likelihood over log-parameters (with gradient) and its
/// starting points; this class minimises the per-customer mean plus the L2 penalty, tries further
/// starts and Nelder-Mead when BFGS does not converge, and computes standard errors by the delta
/// method: Var(theta_i) from the inverse Hessian in log space, SE(p_i) = p_i * SE(log p_i).
/// </summary>
internal static class LikelihoodFit
{
    // Log-parameters beyond this are outside the domain: e^35 is ~1.6e15, far beyond any sensible rate or shape.
    private const double LogBound = 35;

    /// <summary>
    /// Fits; <paramref name="warmStart"/> (a fit of a subsample) becomes the first start, with its curvature. Every
    /// likelihood evaluation is charged to <paramref name="budget"/>, whose exceptions end the fit.
    /// </summary>
    public static FitOutcome Run(string model, string[] names, ObjectiveFunction negativeLogLikelihood, double totalWeight,
        int customers, int rows, IReadOnlyList<double[]> defaultStarts, FitOptions options, FitBudget budget, FitOutcome? warmStart = null)
    {
        if (options.Penalizer < 0 || !double.IsFinite(options.Penalizer))
            throw new ArgumentOutOfRangeException(nameof(options), options.Penalizer, "Penalizer must be finite and >= 0.");
        negativeLogLikelihood = budget.Charging(negativeLogLikelihood);
        var d = names.Length;
        var penalizer = options.Penalizer;
        var scale = 1.0 / totalWeight;
        var evaluations = 0;
        double Objective(ReadOnlySpan<double> theta, Span<double> gradient)
        {
            evaluations++;
            foreach (var v in theta)
                if (!(Math.Abs(v) <= LogBound)) return double.PositiveInfinity;
            var value = negativeLogLikelihood(theta, gradient);
            if (!double.IsFinite(value)) return double.PositiveInfinity;
            value *= scale;
            for (var i = 0; i < theta.Length; i++)
            {
                value += penalizer * theta[i] * theta[i];
                if (!gradient.IsEmpty) gradient[i] = gradient[i] * scale + 2 * penalizer * theta[i];
            }
            return value;
        }

        IReadOnlyList<double[]> starts = options.InitialParameters is { } initial ? [[.. initial], .. defaultStarts] : defaultStarts;
        if (warmStart is not null && options.InitialParameters is null) starts = [warmStart.Parameters, .. defaultStarts];
        var minimization = new MinimizationOptions { GradientTolerance = options.GradientTolerance, MaximumIterations = options.MaximumIterations };
        MinimizationResult? best = null;
        var optimizer = "bfgs";
        var tried = 0;
        foreach (var start in starts.Take(Math.Max(1, options.Starts)))
        {
            tried++;
            if (start.Length != d || start.Any(p => !(p > 0) || !double.IsFinite(p)))
                throw new ArgumentException($"{model}: initial parameters must be {d} positive numbers ({string.Join(", ", names)}).");
            var theta = start.Select(p => Math.Log(p)).ToArray();
            var curvature = tried == 1 && warmStart is not null && options.InitialParameters is null ? warmStart.InverseHessian : null;
            var result = Bfgs.Minimize(Objective, theta, minimization, curvature);
            var method = "bfgs";
            if (!Accepted(result, options) && double.IsFinite(result.Value))
            {
                // BFGS stalled away from a stationary point: the simplex does not need the gradient.
                var simplex = NelderMead.Minimize(Objective, result.Minimizer, minimization);
                var polished = Bfgs.Minimize(Objective, simplex.Minimizer, minimization);
                (result, method) = polished.Value <= simplex.Value ? (polished, "nelder-mead+bfgs") : (simplex, "nelder-mead");
            }
            if (best is null || result.Value < best.Value)
            {
                best = result;
                optimizer = method;
            }
            if (Accepted(result, options)) break;
        }
        if (best is null || !double.IsFinite(best.Value) || !Accepted(best, options))
            throw new ConvergenceException(
                $"{model}: the likelihood fit did not converge from {tried} starting point(s) with BFGS and Nelder-Mead" +
                (best is null || !double.IsFinite(best.Value)
                    ? "; the likelihood was not finite at any start (check for extreme frequency, recency or T values)."
                    : $" (best run: {best.Exit}, gradient {best.GradientNorm:G3} after {best.Iterations} iterations at {Describe(names, best.Minimizer)}). Try a penalizer (probabilistic.penalizer: 0.01) or drop the model."));

        return Finish(names, negativeLogLikelihood, best.Minimizer, null, best.Iterations, evaluations, best.Exit.ToString(), best.GradientNorm,
            optimizer, tried, customers, rows, options) with { InverseHessian = best.InverseHessian };
    }

    /// <summary>
    /// The outcome at an accepted optimum: natural parameters, log-likelihood, standard errors from
    /// <paramref name="hessian"/> (of the total negative log-likelihood in log-parameters) or, when null, a
    /// forward-difference Hessian of the gradient, and the weak-identification flag.
    /// </summary>
    public static FitOutcome Finish(string[] names, ObjectiveFunction negativeLogLikelihood, double[] thetaHat, double[,]? hessian,
        int iterations, int evaluations, string exit, double gradientNorm, string optimizer, int starts, int customers, int rows, FitOptions options,
        double? negativeLogLikelihoodAtEstimate = null)
    {
        var parameters = thetaHat.Select(t => Math.Exp(t)).ToArray();
        if (parameters.Any(p => !(p > 0) || !double.IsFinite(p)))
            throw new ConvergenceException($"the fit ended at parameters outside (0, inf): {Describe(names, thetaHat)}.");
        var logLikelihood = -(negativeLogLikelihoodAtEstimate ?? negativeLogLikelihood(thetaHat, default));
        var (errors, weak, covariance) = StandardErrors(names, negativeLogLikelihood, thetaHat, parameters, options.StandardErrors, hessian);
        weak |= thetaHat.Any(t => Math.Abs(t) > 15);
        var diagnostics = new FitDiagnostics(logLikelihood, iterations, evaluations, exit, gradientNorm,
            optimizer, starts, weak, customers, rows, options.Penalizer);
        return new FitOutcome(parameters, diagnostics, errors) { LogCovariance = covariance?.ToArray() };
    }

    /// <summary>
    /// Rows above which a fit first runs on a systematic subsample: its optimum and curvature start the full fit,
    /// which then needs only a few iterations (the objective is a per-customer mean, so its curvature carries over).
    /// </summary>
    public const int WarmStartRows = 50_000;

    /// <summary>Every <see cref="WarmStartStep"/>-th row makes the subsample.</summary>
    public const int WarmStartStep = 16;

    private static bool Accepted(MinimizationResult result, FitOptions options) =>
        double.IsFinite(result.Value) && result.Exit != MinimizationExit.NonFiniteStart &&
        (result.GradientNorm <= options.AcceptedGradient || (result.Exit == MinimizationExit.GradientConverged));

    private static string Describe(string[] names, double[] theta) =>
        string.Join(", ", names.Zip(theta, (n, t) => $"{n}={Math.Exp(t):G4}"));

    private static (IReadOnlyDictionary<string, double> Errors, bool Weak, Matrix<double>? Covariance) StandardErrors(string[] names, ObjectiveFunction nll,
        double[] theta, double[] parameters, bool compute, double[,]? analytic)
    {
        var errors = new Dictionary<string, double>();
        if (!compute)
        {
            foreach (var name in names) errors[name] = double.NaN;
            return (errors, false, null);
        }
        var hessian = Matrix<double>.Build.DenseOfArray(analytic ?? NumericalDerivatives.Hessian(nll, theta, 1e-5, central: false));
        var weak = false;
        Matrix<double>? covariance = null;
        try
        {
            // Cholesky succeeds only for a positive-definite Hessian, i.e. a proper maximum.
            if (hessian.Enumerate().All(double.IsFinite))
                covariance = hessian.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(names.Length));
        }
        catch (ArgumentException)
        {
            covariance = null;
        }
        for (var i = 0; i < names.Length; i++)
        {
            var variance = covariance?[i, i] ?? double.NaN;
            if (!(variance > 0) || !double.IsFinite(variance))
            {
                weak = true;
                errors[names[i]] = double.NaN;
                continue;
            }
            var logError = Math.Sqrt(variance);
            weak |= logError > 3;
            errors[names[i]] = parameters[i] * logError;
        }
        return (errors, weak, covariance);
    }
}
