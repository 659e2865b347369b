using ClvML.Features;
using ClvML.Models;
using MathNet.Numerics.LinearAlgebra;

namespace ClvML.Linear;

/// <summary>Options of <see cref="Ridge"/>.</summary>
public sealed record RidgeOptions
{
    /// <summary>L2 penalty on the standardized coefficients (scikit-learn's alpha; 1 is its default).</summary>
    public double Alpha { get; init; } = 1.0;
    /// <summary>Fit log1p(target) and predict expm1: spend is skewed, and the linear model fits its log better.</summary>
    public bool LogTarget { get; init; }
    /// <summary>The target cannot be negative (spend, purchases): predictions are floored at 0 (see <see cref="TargetRange"/>).</summary>
    public bool NonNegative { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the option out of range.</summary>
    public void Validate()
    {
        if (!(Alpha >= 0) || !double.IsFinite(Alpha)) throw new ArgumentException("RidgeOptions.Alpha must be finite and not negative.", nameof(Alpha));
    }
}

/// <summary>
/// Ridge regression, the linear baseline: features are standardized (mean 0, population standard
/// deviation 1; a constant feature gets coefficient 0), the intercept is not penalised, and the
/// coefficients solve the normal equations (Z'WZ + alpha I) beta = Z'W(y - ybar) by Cholesky
/// (Hoerl &amp; Kennard 1970). <see cref="Fit"/> returns an immutable <see cref="RidgeModel"/>, which
/// holds every input to the range it had in training and every prediction to the training targets'
/// <see cref="TargetRange"/>: a linear model extrapolates without limit, and a customer outside the
/// training data must not be forecast negative or runaway spend.
/// </summary>
public sealed class Ridge : IRegressor
{
    /// <summary>Creates the estimator; options are validated at once.</summary>
    public Ridge(RidgeOptions? options = null)
    {
        Options = options ?? new RidgeOptions();
        Options.Validate();
    }

    /// <summary>The options in force.</summary>
    public RidgeOptions Options { get; }

    private static void CheckLogTarget(int row, double target)
    {
        if (target <= -1) throw new ArgumentException($"Target of row {row} is {target}; a log target needs targets > -1.");
    }

    /// <summary>A feature whose standard deviation is below this fraction of its mean is treated as constant (about 2^-30).</summary>
    private const double NegligibleRelativeSpread = 1e-9;

    /// <inheritdoc />
    public string Kind => RidgeModel.KindName;

    /// <inheritdoc />
    IRegressionModel IRegressor.Fit(FeatureMatrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> weights, CancellationToken cancellationToken) =>
        Fit(features, target, weights, cancellationToken);

    /// <summary>Fits the model; NaN features are not allowed (a linear model has no missing-value branch).</summary>
    /// <param name="features">The design matrix.</param>
    /// <param name="target">One finite target per row.</param>
    /// <param name="weights">Optional non-negative row weights.</param>
    /// <param name="cancellationToken">Checked before the solve (the solve itself is one short dense factorisation).</param>
    public RidgeModel Fit(FeatureMatrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> weights = default, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var n = features.RowCount;
        var p = features.FeatureCount;
        var logTarget = Options.LogTarget;
        var w = TrainingRows.Weights(features, target, weights, logTarget ? CheckLogTarget : null);
        var y = new double[n];
        for (var i = 0; i < n; i++) y[i] = logTarget ? double.LogP1(target[i]) : target[i];
        var totalWeight = w.Sum();

        var means = new double[p];
        var scales = new double[p];
        var minimums = new double[p];
        var maximums = new double[p];
        for (var f = 0; f < p; f++)
        {
            var column = features.Columns[f];
            double mean = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (var i = 0; i < n; i++)
            {
                if (!double.IsFinite(column[i])) throw new ArgumentException($"Feature '{features.Names[f]}' of row {i} is {column[i]}; ridge needs finite features.");
                mean += w[i] * column[i];
                min = Math.Min(min, column[i]);
                max = Math.Max(max, column[i]);
            }
            mean /= totalWeight;
            double variance = 0;
            for (var i = 0; i < n; i++) variance += w[i] * (column[i] - mean) * (column[i] - mean);
            means[f] = mean;
            minimums[f] = min;
            maximums[f] = max;
            var scale = Math.Sqrt(variance / totalWeight);
            // A spread at the level of rounding error (P(alive) of 1 - 1e-10 for everyone) carries no
            // information, and standardizing by it would blow rounding noise up into the prediction.
            scales[f] = scale > NegligibleRelativeSpread * Math.Abs(mean) ? scale : 0;
        }
        var yMean = 0.0;
        for (var i = 0; i < n; i++) yMean += w[i] * y[i];
        yMean /= totalWeight;

        // Normal equations on the standardized design; constant columns are left out (coefficient 0).
        var used = Enumerable.Range(0, p).Where(f => scales[f] > 0).ToArray();
        var gram = Matrix<double>.Build.Dense(used.Length, used.Length);
        var rhs = Vector<double>.Build.Dense(used.Length);
        var z = new double[used.Length];
        for (var i = 0; i < n; i++)
        {
            for (var a = 0; a < used.Length; a++) z[a] = (features.Columns[used[a]][i] - means[used[a]]) / scales[used[a]];
            var centred = y[i] - yMean;
            for (var a = 0; a < used.Length; a++)
            {
                rhs[a] += w[i] * z[a] * centred;
                for (var b = 0; b <= a; b++) gram[a, b] += w[i] * z[a] * z[b];
            }
        }
        for (var a = 0; a < used.Length; a++)
        {
            for (var b = 0; b < a; b++) gram[b, a] = gram[a, b];
            gram[a, a] += Options.Alpha;
        }
        var solved = used.Length == 0 ? Vector<double>.Build.Dense(0)
            : Options.Alpha > 0 ? gram.Cholesky().Solve(rhs) : gram.Svd().Solve(rhs);
        var coefficients = new double[p];
        for (var a = 0; a < used.Length; a++) coefficients[used[a]] = solved[a];
        return new RidgeModel(features.Names, means, scales, coefficients, yMean, Options.LogTarget)
        {
            InputMinimums = minimums,
            InputMaximums = maximums,
            Range = TargetRange.Of(target, Options.NonNegative),
        };
    }
}
