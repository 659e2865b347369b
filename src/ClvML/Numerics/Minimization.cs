namespace ClvML.Numerics;

/// <summary>
/// A function to minimise: returns f(x) and, when <paramref name="gradient"/> is not empty, writes
/// the gradient into it. Returning +inf (or NaN) marks x as outside the domain; the optimisers then
/// step back.
/// </summary>
public delegate double ObjectiveFunction(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>Why an optimiser stopped.</summary>
public enum MinimizationExit
{
    /// <summary>The gradient's largest component fell below the tolerance.</summary>
    GradientConverged,
    /// <summary>The simplex (Nelder-Mead) or the step shrank below the tolerance.</summary>
    StepConverged,
    /// <summary>No step along the search direction lowered the function any further.</summary>
    LineSearchFailed,
    /// <summary>The iteration limit was reached.</summary>
    MaximumIterations,
    /// <summary>The function was not finite at the starting point.</summary>
    NonFiniteStart,
}

/// <summary>How a minimisation ended.</summary>
/// <param name="Minimizer">The best point found.</param>
/// <param name="Value">The function there.</param>
/// <param name="GradientNorm">Largest absolute gradient component there.</param>
/// <param name="Iterations">Iterations used.</param>
/// <param name="Evaluations">Function evaluations used.</param>
/// <param name="Exit">Why it stopped.</param>
/// <param name="Method">The optimiser ("bfgs", "nelder-mead").</param>
public sealed record MinimizationResult(double[] Minimizer, double Value, double GradientNorm, int Iterations, int Evaluations,
    MinimizationExit Exit, string Method)
{
    /// <summary>BFGS's final inverse-Hessian approximation (null for Nelder-Mead); it can seed a related minimisation.</summary>
    public double[,]? InverseHessian { get; init; }
}

/// <summary>Stopping rules shared by the optimisers.</summary>
public sealed record MinimizationOptions
{
    /// <summary>Stop when every gradient component is below this; the BTYD objectives are per-customer means, so 1e-8 is far below the published digits.</summary>
    public double GradientTolerance { get; init; } = 1e-8;
    /// <summary>Iteration limit; quasi-Newton fits of four parameters need tens.</summary>
    public int MaximumIterations { get; init; } = 1000;
    /// <summary>Nelder-Mead stops when the simplex's function values and points are this close.</summary>
    public double SimplexTolerance { get; init; } = 1e-10;
}

/// <summary>Derivatives by finite differences, for likelihoods whose analytic gradient is impractical and for standard errors.</summary>
public static class NumericalDerivatives
{
    /// <summary>Central-difference gradient of <paramref name="f"/> at x with relative step h (in x's own units).</summary>
    public static double Gradient(ObjectiveFunction f, ReadOnlySpan<double> x, Span<double> gradient, double h = 1e-5)
    {
        var point = x.ToArray();
        var value = f(point, default);
        for (var i = 0; i < point.Length; i++)
        {
            var step = h * Math.Max(1.0, Math.Abs(point[i]));
            var keep = point[i];
            point[i] = keep + step;
            var up = f(point, default);
            point[i] = keep - step;
            var down = f(point, default);
            point[i] = keep;
            gradient[i] = (up - down) / (2 * step);
        }
        return value;
    }

    /// <summary>
    /// Hessian by differences of the gradient, symmetrised. The likelihood fits use it for standard errors:
    /// the inverse Hessian of the negative log-likelihood is the asymptotic covariance. Forward differences
    /// (n + 1 gradients instead of 2n) have an O(h) error, 1e-5 relative at the default step, far below what
    /// a standard error needs; central differences are O(h^2).
    /// </summary>
    public static double[,] Hessian(ObjectiveFunction f, ReadOnlySpan<double> x, double h = 1e-4, bool central = true)
    {
        var n = x.Length;
        var point = x.ToArray();
        var hessian = new double[n, n];
        var up = new double[n];
        var down = new double[n];
        if (!central) f(point, down);
        for (var j = 0; j < n; j++)
        {
            var step = h * Math.Max(1.0, Math.Abs(point[j]));
            var keep = point[j];
            point[j] = keep + step;
            f(point, up);
            if (central)
            {
                point[j] = keep - step;
                f(point, down);
            }
            point[j] = keep;
            for (var i = 0; i < n; i++) hessian[i, j] = (up[i] - down[i]) / ((central ? 2 : 1) * step);
        }
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                hessian[i, j] = hessian[j, i] = 0.5 * (hessian[i, j] + hessian[j, i]);
        return hessian;
    }
}
