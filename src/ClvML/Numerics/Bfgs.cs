namespace ClvML.Numerics;

/// <summary>
/// BFGS quasi-Newton minimisation with a backtracking line search (Armijo condition, quadratic
/// interpolation) on an analytic gradient (Nocedal &amp; Wright 2006, Numerical Optimization,
/// algorithm 6.1 and 3.1). The inverse-Hessian approximation starts as the identity scaled by
/// y's/y'y after the first step (N&amp;W eq. 6.20); an update whose curvature y's is not positive is
/// skipped so the approximation stays positive definite.
/// </summary>
public static class Bfgs
{
    /// <summary>Minimises <paramref name="f"/> from <paramref name="start"/>.</summary>
    /// <param name="f">The function and its gradient.</param>
    /// <param name="start">The starting point.</param>
    /// <param name="options">Stopping rules.</param>
    /// <param name="inverseHessian">
    /// An inverse-Hessian approximation to start from, e.g. that of a fit on a subsample of the same data:
    /// with it the first steps are already Newton-like.
    /// </param>
    public static MinimizationResult Minimize(ObjectiveFunction f, ReadOnlySpan<double> start, MinimizationOptions? options = null,
        double[,]? inverseHessian = null)
    {
        options ??= new MinimizationOptions();
        var n = start.Length;
        var x = start.ToArray();
        var g = new double[n];
        var evaluations = 1;
        var fx = f(x, g);
        if (!double.IsFinite(fx) || !AllFinite(g))
            return new MinimizationResult(x, double.PositiveInfinity, double.PositiveInfinity, 0, evaluations, MinimizationExit.NonFiniteStart, "bfgs");
        var h = inverseHessian is { } given && given.GetLength(0) == n ? (double[,])given.Clone() : Identity(n);
        var direction = new double[n];
        var trial = new double[n];
        var gTrial = new double[n];
        var s = new double[n];
        var y = new double[n];
        var hy = new double[n];
        var first = inverseHessian is null;
        var stalls = 0;
        for (var iteration = 1; iteration <= options.MaximumIterations; iteration++)
        {
            if (MaxAbs(g) <= options.GradientTolerance)
                return new MinimizationResult(x, fx, MaxAbs(g), iteration - 1, evaluations, MinimizationExit.GradientConverged, "bfgs") { InverseHessian = h };
            for (var i = 0; i < n; i++)
            {
                var sum = 0.0;
                for (var j = 0; j < n; j++) sum -= h[i, j] * g[j];
                direction[i] = sum;
            }
            var slope = Dot(direction, g);
            if (!(slope < 0))
            {
                // Not a descent direction (rounding in H): restart from steepest descent.
                h = Identity(n);
                for (var i = 0; i < n; i++) direction[i] = -g[i];
                slope = Dot(direction, g);
                first = true;
            }
            // The first step of an unscaled identity can be huge: cap it at unit length in x.
            var step = first ? Math.Min(1.0, 1.0 / Math.Sqrt(Dot(direction, direction))) : 1.0;
            double fTrial;
            var accepted = false;
            for (var k = 0; k < 60; k++)
            {
                for (var i = 0; i < n; i++) trial[i] = x[i] + step * direction[i];
                fTrial = f(trial, gTrial);
                evaluations++;
                if (double.IsFinite(fTrial) && AllFinite(gTrial) && fTrial <= fx + 1e-4 * step * slope)
                {
                    accepted = true;
                    for (var i = 0; i < n; i++)
                    {
                        s[i] = trial[i] - x[i];
                        y[i] = gTrial[i] - g[i];
                    }
                    var improvement = fx - fTrial;
                    Array.Copy(trial, x, n);
                    Array.Copy(gTrial, g, n);
                    stalls = improvement <= 1e-15 * Math.Max(1.0, Math.Abs(fTrial)) ? stalls + 1 : 0;
                    fx = fTrial;
                    break;
                }
                // Near the optimum f changes by less than its rounding: no step can show a decrease, so
                // stop instead of shrinking the step forty more times.
                if (k >= 2 && double.IsFinite(fTrial) && Math.Abs(fTrial - fx) <= 1e-14 * Math.Max(1.0, Math.Abs(fx)))
                    return new MinimizationResult(x, fx, MaxAbs(g), iteration, evaluations, MinimizationExit.StepConverged, "bfgs") { InverseHessian = h };
                // Quadratic interpolation of f along the line, kept within [0.1, 0.5] of the step.
                var next = double.IsFinite(fTrial) ? -slope * step * step / (2 * (fTrial - fx - slope * step)) : 0.1 * step;
                step = Math.Clamp(next, 0.1 * step, 0.5 * step);
            }
            if (!accepted)
                return new MinimizationResult(x, fx, MaxAbs(g), iteration, evaluations, MinimizationExit.LineSearchFailed, "bfgs") { InverseHessian = h };
            if (stalls >= 3)
                return new MinimizationResult(x, fx, MaxAbs(g), iteration, evaluations, MinimizationExit.StepConverged, "bfgs") { InverseHessian = h };
            var sy = Dot(s, y);
            if (sy > 1e-14 * Math.Sqrt(Dot(s, s) * Dot(y, y)))
            {
                if (first)
                {
                    var scale = sy / Dot(y, y);
                    h = Identity(n);
                    for (var i = 0; i < n; i++) h[i, i] = scale;
                    first = false;
                }
                // H+ = (I - rho s y') H (I - rho y s') + rho s s'
                var rho = 1.0 / sy;
                for (var i = 0; i < n; i++)
                {
                    var sum = 0.0;
                    for (var j = 0; j < n; j++) sum += h[i, j] * y[j];
                    hy[i] = sum;
                }
                var yhy = Dot(y, hy);
                for (var i = 0; i < n; i++)
                    for (var j = 0; j < n; j++)
                        h[i, j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
            }
        }
        return new MinimizationResult(x, fx, MaxAbs(g), options.MaximumIterations, evaluations, MinimizationExit.MaximumIterations, "bfgs") { InverseHessian = h };
    }

    private static double[,] Identity(int n)
    {
        var m = new double[n, n];
        for (var i = 0; i < n; i++) m[i, i] = 1.0;
        return m;
    }

    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    internal static double MaxAbs(ReadOnlySpan<double> v)
    {
        var max = 0.0;
        foreach (var e in v) max = Math.Max(max, Math.Abs(e));
        return double.IsNaN(Dot(v, v)) ? double.NaN : max;
    }

    private static bool AllFinite(ReadOnlySpan<double> v)
    {
        foreach (var e in v) if (!double.IsFinite(e)) return false;
        return true;
    }
}
