using ClvML.Features;
using ClvML.Models;

namespace ClvML.Linear;

/// <summary>Options of <see cref="HuberRegression"/>.</summary>
public sealed record HuberRegressionOptions
{
    /// <summary>
    /// Huber's tuning constant, in robust standard deviations of the residuals: residuals within it count as in
    /// least squares, larger ones linearly. 1.345 gives 95% efficiency when the errors are normal (Huber 1981,
    /// Robust Statistics, ch. 7; the default of R's MASS::rlm and statsmodels' HuberT).
    /// </summary>
    public double Epsilon { get; init; } = 1.345;
    /// <summary>Ridge penalty on the standardized coefficients, as in <see cref="RidgeOptions.Alpha"/> (0: none).</summary>
    public double Alpha { get; init; } = 1.0;
    /// <summary>Most reweighting iterations.</summary>
    public int MaximumIterations { get; init; } = 50;
    /// <summary>Stop when the coefficients' relative change is below this.</summary>
    public double Tolerance { get; init; } = 1e-10;
    /// <summary>Whether the target cannot be negative: predictions are floored at 0 (see <see cref="TargetRange"/>).</summary>
    public bool NonNegative { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (!(Epsilon > 0) || !double.IsFinite(Epsilon)) throw new ArgumentException($"HuberRegressionOptions.Epsilon is {Epsilon}; it must be finite and positive.");
        if (!(Alpha >= 0) || !double.IsFinite(Alpha)) throw new ArgumentException($"HuberRegressionOptions.Alpha is {Alpha}; it must be finite and not negative.");
        if (MaximumIterations < 1) throw new ArgumentException($"HuberRegressionOptions.MaximumIterations is {MaximumIterations}; it must be at least 1.");
        if (!(Tolerance > 0)) throw new ArgumentException($"HuberRegressionOptions.Tolerance is {Tolerance}; it must be positive.");
    }
}

/// <summary>
/// Linear regression with Huber's loss (Huber 1964, "Robust estimation of a location parameter", Ann. Math.
/// Statist. 35(1)), fitted by iteratively reweighted least squares (Holland &amp; Welsch 1977, "Robust regression
/// using iteratively reweighted least-squares", Comm. Statist. A6(9)): from the least-squares fit, each round
/// re-estimates the residual scale by the median absolute residual / 0.6745 and refits with weights
/// min(1, epsilon * scale / |residual|), as R's MASS::rlm and statsmodels' RLM do. Spend is heavy-tailed: a few
/// big spenders pull a least-squares fit far from everyone else, and Huber's loss bounds their pull.
/// </summary>
public sealed class HuberRegression : IRegressor
{
    // The normal distribution's 3/4 quantile: median(|e|) / 0.6745 estimates sigma for normal errors.
    private const double NormalMadConstant = 0.6744897501960817;

    /// <summary>Creates the estimator; options are validated at once.</summary>
    public HuberRegression(HuberRegressionOptions? options = null)
    {
        Options = options ?? new HuberRegressionOptions();
        Options.Validate();
    }

    /// <summary>The options in force.</summary>
    public HuberRegressionOptions Options { get; }

    /// <inheritdoc />
    public string Kind => HuberRegressionModel.KindName;

    /// <inheritdoc />
    IRegressionModel IRegressor.Fit(FeatureMatrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> weights, CancellationToken cancellationToken) =>
        Fit(features, target, weights, cancellationToken);

    /// <summary>Fits the model; features and target must be finite (the inner least-squares fits say which row is not).</summary>
    /// <param name="features">The design matrix.</param>
    /// <param name="target">One finite target per row.</param>
    /// <param name="weights">Optional non-negative row weights, multiplied into the Huber weights.</param>
    /// <param name="cancellationToken">Checked before every reweighting round.</param>
    public HuberRegressionModel Fit(FeatureMatrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> weights = default, CancellationToken cancellationToken = default)
    {
        var n = features.RowCount;
        var ridge = new Ridge(new RidgeOptions { Alpha = Options.Alpha, NonNegative = Options.NonNegative });
        var y = target.ToArray();
        var prior = weights.IsEmpty ? null : weights.ToArray();
        var linear = ridge.Fit(features, y, prior, cancellationToken);
        var residuals = new double[n];
        var huber = new double[n];
        var iterations = 0;
        var converged = false;
        while (iterations < Options.MaximumIterations && !converged)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Residuals(linear, features, y, residuals);
            var scale = MedianAbsolute(residuals) / NormalMadConstant;
            if (!(scale > 0)) { converged = true; break; } // more than half the rows fitted exactly: nothing left to down-weight
            var cutoff = Options.Epsilon * scale;
            for (var i = 0; i < n; i++)
            {
                var r = Math.Abs(residuals[i]);
                huber[i] = (r <= cutoff ? 1 : cutoff / r) * (prior?[i] ?? 1);
            }
            var next = ridge.Fit(features, y, huber, cancellationToken);
            iterations++;
            converged = RelativeChange(linear, next) < Options.Tolerance;
            linear = next;
        }
        return new HuberRegressionModel(linear, Options.Epsilon, iterations, converged);
    }

    /// <summary>y - the linear predictor, before the prediction range is applied (the fit's own residuals).</summary>
    private static void Residuals(RidgeModel linear, FeatureMatrix features, double[] y, double[] residuals)
    {
        for (var i = 0; i < y.Length; i++)
        {
            var value = linear.Intercept;
            for (var f = 0; f < features.FeatureCount; f++)
                if (linear.Scales[f] > 0) value += linear.Coefficients[f] * (features.Columns[f][i] - linear.Means[f]) / linear.Scales[f];
            residuals[i] = y[i] - value;
        }
    }

    private static double MedianAbsolute(double[] values)
    {
        var absolute = Array.ConvertAll(values, Math.Abs);
        Array.Sort(absolute);
        var m = absolute.Length / 2;
        return absolute.Length % 2 == 1 ? absolute[m] : (absolute[m - 1] + absolute[m]) / 2;
    }

    /// <summary>||b_new - b_old|| / ||b_old|| over the coefficients on the original scale and the intercept there.</summary>
    private static double RelativeChange(RidgeModel old, RidgeModel next)
    {
        var a = OriginalScale(old);
        var b = OriginalScale(next);
        double change = 0, size = 0;
        for (var j = 0; j < a.Length; j++)
        {
            change += (a[j] - b[j]) * (a[j] - b[j]);
            size += a[j] * a[j];
        }
        return Math.Sqrt(change / Math.Max(size, 1e-300));
    }

    /// <summary>The coefficients per unit of each feature, then the intercept at zero features.</summary>
    internal static double[] OriginalScale(RidgeModel model)
    {
        var p = model.Coefficients.Length;
        var result = new double[p + 1];
        var intercept = model.Intercept;
        for (var f = 0; f < p; f++)
        {
            if (!(model.Scales[f] > 0)) continue;
            result[f] = model.Coefficients[f] / model.Scales[f];
            intercept -= result[f] * model.Means[f];
        }
        result[p] = intercept;
        return result;
    }
}
