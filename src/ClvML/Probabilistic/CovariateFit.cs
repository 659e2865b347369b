namespace ClvML.Probabilistic;

/// <summary>What <see cref="CovariateFit.Run"/> returns: plain parameters (natural scale), gamma coefficients, their standard errors.</summary>
internal sealed record CovariateFitOutcome(double[] Parameters, double[] Coefficients, FitDiagnostics Diagnostics,
    IReadOnlyDictionary<string, double> StandardErrors);

/// <summary>
/// Fits a <see cref="CovariateLikelihood"/> with the plain models' machinery (<see cref="LikelihoodFit"/>: BFGS with
/// the analytic gradient, further starts, Nelder-Mead, standard errors from the Hessian). That machinery works on
/// log-parameters of positive parameters; a gamma coefficient is unconstrained, so it is handed over as the
/// "positive parameter" e^gamma, whose log-parameter is gamma itself: the optimiser, the L2 penalty and the
/// Hessian see exactly gamma, and SE(gamma) = SE(e^gamma) / e^gamma undoes the delta method's scaling.
/// </summary>
internal static class CovariateFit
{
    public static CovariateFitOutcome Run(string model, string[] plainNames, string[] coefficientNames, CovariateLikelihood likelihood,
        CovariateGroups groups, IReadOnlyList<double[]> plainStarts, FitOptions options, FitBudget budget)
    {
        var names = plainNames.Concat(coefficientNames).ToArray();
        var zeros = Enumerable.Repeat(1.0, coefficientNames.Length); // e^0: every start begins without covariate effects
        var starts = plainStarts.Select(s => s.Concat(zeros).ToArray()).ToArray();
        if (options.InitialParameters is { } initial)
        {
            if (initial.Count != plainNames.Length && initial.Count != names.Length)
                throw new ArgumentException($"{model}: initial parameters must be {plainNames.Length} ({string.Join(", ", plainNames)}) or {names.Length} values with the coefficients.");
            var plain = initial.Take(plainNames.Length);
            var coefficients = initial.Count == names.Length ? initial.Skip(plainNames.Length).Select(g => Math.Exp(g)) : zeros;
            options = options with { InitialParameters = [.. plain.Concat(coefficients)] };
        }
        var outcome = LikelihoodFit.Run(model, names, likelihood.Evaluate, groups.TotalWeight, groups.Customers, groups.Rows,
            starts, options, budget);
        var parameters = outcome.Parameters.Take(plainNames.Length).ToArray();
        var gammas = outcome.Parameters.Skip(plainNames.Length).Select(p => Math.Log(p)).ToArray();
        var errors = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            var error = outcome.StandardErrors[names[i]];
            errors[names[i]] = i < plainNames.Length ? error : error / outcome.Parameters[i];
        }
        return new CovariateFitOutcome(parameters, gammas, outcome.Diagnostics, errors);
    }

    /// <summary>Gamma names: the paper's gamma index and the covariate, e.g. "gamma1[channel_web]".</summary>
    public static string[] CoefficientNames(IReadOnlyList<string> covariates, int blocks) =>
        [.. Enumerable.Range(1, blocks).SelectMany(b => covariates.Select(c => $"gamma{b}[{c}]"))];
}
