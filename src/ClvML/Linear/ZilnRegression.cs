using ClvML.Features;
using ClvML.Models;
using ClvML.Numerics;

namespace ClvML.Linear;

/// <summary>Options of <see cref="ZilnRegression"/>.</summary>
public sealed record ZilnRegressionOptions
{
    /// <summary>L2 penalty on the standardized coefficients of the three heads (not the intercepts).</summary>
    public double Penalty { get; init; } = 1e-3;
    /// <summary>Quasi-Newton iteration limit.</summary>
    public int MaximumIterations { get; init; } = 500;
    /// <summary>
    /// Whether the target cannot be negative. A zero-inflated lognormal has no negative values, so with it a
    /// negative target (net returns) is fitted as 0, no spend; without it a negative target is refused.
    /// </summary>
    public bool NonNegative { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (!(Penalty >= 0) || !double.IsFinite(Penalty)) throw new ArgumentException($"ZilnRegressionOptions.Penalty is {Penalty}; it must be finite and not negative.");
        if (MaximumIterations < 1) throw new ArgumentException($"ZilnRegressionOptions.MaximumIterations is {MaximumIterations}; it must be at least 1.");
    }
}

/// <summary>
/// A linear zero-inflated lognormal regression (Wang, Liu &amp; Miao 2019, arXiv:1912.07753): three linear heads on
/// the standardized inputs give each customer's probability of any spend, and the mu and sigma of the lognormal
/// spend when there is some; the forecast is the ZILN mean p exp(mu + sigma^2 / 2). Fitted by BFGS on the mean
/// negative log-likelihood (<see cref="ZilnLoss"/>) with its analytic gradient. Holdout spend is zero for most
/// customers and heavy-tailed for the rest, which squared error on raw spend fits badly.
/// </summary>
public sealed class ZilnRegression : IRegressor
{
    /// <summary>Creates the estimator; options are validated at once.</summary>
    public ZilnRegression(ZilnRegressionOptions? options = null)
    {
        Options = options ?? new ZilnRegressionOptions();
        Options.Validate();
    }

    /// <summary>The options in force.</summary>
    public ZilnRegressionOptions Options { get; }

    /// <inheritdoc />
    public string Kind => ZilnRegressionModel.KindName;

    /// <inheritdoc />
    IRegressionModel IRegressor.Fit(FeatureMatrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> weights, CancellationToken cancellationToken) =>
        Fit(features, target, weights, cancellationToken);

    /// <summary>Fits the model.</summary>
    /// <param name="features">The design matrix; every value finite.</param>
    /// <param name="target">One finite target per row; negative only when <see cref="ZilnRegressionOptions.NonNegative"/> (fitted as 0).</param>
    /// <param name="weights">Optional non-negative row weights.</param>
    /// <param name="cancellationToken">Checked at every likelihood evaluation.</param>
    public ZilnRegressionModel Fit(FeatureMatrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> weights = default, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var n = features.RowCount;
        var p = features.FeatureCount;
        var w = TrainingRows.Weights(features, target, weights, Options.NonNegative ? null : CheckNotNegative);
        var y = new double[n];
        for (var i = 0; i < n; i++) y[i] = Math.Max(target[i], 0);
        var scaling = InputScaling.Fit(features, w, logOfNonNegative: true);
        var z = scaling.Apply(features);
        var loss = new ZilnLoss(z, y, w, Options.Penalty);
        var start = Start(y, w, p);
        var result = Bfgs.Minimize((theta, gradient) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return loss.Evaluate(theta, gradient);
        }, start, new MinimizationOptions { MaximumIterations = Options.MaximumIterations, GradientTolerance = 1e-7 });
        return new ZilnRegressionModel(features.Names, scaling, result.Minimizer, TargetRange.Of(target, Options.NonNegative))
        {
            Converged = result.Exit == MinimizationExit.GradientConverged,
        };
    }

    private static void CheckNotNegative(int row, double target)
    {
        if (target < 0) throw new ArgumentException($"Target of row {row} is {target}; a zero-inflated lognormal needs targets >= 0.");
    }

    /// <summary>
    /// The intercept-only maximum-likelihood point: logit of the share with spend, and the mean and (maximum-likelihood)
    /// spread of ln y over the rows with spend, so BFGS starts where a model without inputs would end.
    /// </summary>
    private static double[] Start(double[] y, double[] w, int p)
    {
        double all = 0, positive = 0, sum = 0, squares = 0;
        for (var i = 0; i < y.Length; i++)
        {
            all += w[i];
            if (y[i] <= 0) continue;
            positive += w[i];
            var l = Math.Log(y[i]);
            sum += w[i] * l;
            squares += w[i] * l * l;
        }
        var share = Math.Clamp(positive / all, 1e-6, 1 - 1e-6);
        var mean = positive > 0 ? sum / positive : 0;
        var spread = positive > 0 ? Math.Sqrt(Math.Max(squares / positive - mean * mean, 1e-4)) : 1;
        var theta = new double[3 * (p + 1)];
        theta[0] = Math.Log(share / (1 - share));
        theta[p + 1] = mean;
        theta[2 * (p + 1)] = ZilnLoss.InverseSoftplus(Math.Max(spread - ZilnLoss.SigmaFloor, 1e-4));
        return theta;
    }
}
