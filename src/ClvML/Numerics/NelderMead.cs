namespace ClvML.Numerics;

/// <summary>
/// Nelder-Mead simplex minimisation with the standard coefficients (reflection 1, expansion 2,
/// contraction 1/2, shrink 1/2; Nelder &amp; Mead 1965, as in Lagarias et al. 1998). It needs no
/// gradient and tolerates a function that is +inf in places, which is why the likelihood fits fall
/// back on it when BFGS stalls.
/// </summary>
public static class NelderMead
{
    /// <summary>Minimises <paramref name="f"/> from a simplex around <paramref name="start"/> (steps of <paramref name="initialStep"/>).</summary>
    public static MinimizationResult Minimize(ObjectiveFunction f, ReadOnlySpan<double> start, MinimizationOptions? options = null, double initialStep = 0.5)
    {
        options ??= new MinimizationOptions();
        var n = start.Length;
        var points = new double[n + 1][];
        var values = new double[n + 1];
        var evaluations = 0;
        for (var k = 0; k <= n; k++)
        {
            points[k] = start.ToArray();
            if (k > 0) points[k][k - 1] += initialStep;
            values[k] = Evaluate(f, points[k], ref evaluations);
        }
        var centroid = new double[n];
        var reflected = new double[n];
        var candidate = new double[n];
        var limit = options.MaximumIterations * 20; // simplex iterations are much cheaper than quasi-Newton ones
        for (var iteration = 1; iteration <= limit; iteration++)
        {
            var order = Enumerable.Range(0, n + 1).OrderBy(k => values[k]).ToArray();
            points = [.. order.Select(k => points[k])];
            values = [.. order.Select(k => values[k])];
            if (Converged(points, values, options.SimplexTolerance))
                return Finish(f, points[0], values[0], iteration, evaluations, MinimizationExit.StepConverged);
            Array.Clear(centroid);
            for (var k = 0; k < n; k++)
                for (var i = 0; i < n; i++) centroid[i] += points[k][i] / n;
            var worst = points[n];
            for (var i = 0; i < n; i++) reflected[i] = centroid[i] + (centroid[i] - worst[i]);
            var fr = Evaluate(f, reflected, ref evaluations);
            if (fr < values[0])
            {
                for (var i = 0; i < n; i++) candidate[i] = centroid[i] + 2 * (centroid[i] - worst[i]);
                var fe = Evaluate(f, candidate, ref evaluations);
                Replace(points, values, n, fe < fr ? candidate : reflected, Math.Min(fe, fr));
            }
            else if (fr < values[n - 1])
            {
                Replace(points, values, n, reflected, fr);
            }
            else
            {
                var outside = fr < values[n];
                for (var i = 0; i < n; i++)
                    candidate[i] = outside ? centroid[i] + 0.5 * (reflected[i] - centroid[i]) : centroid[i] + 0.5 * (worst[i] - centroid[i]);
                var fc = Evaluate(f, candidate, ref evaluations);
                if (fc < (outside ? fr : values[n]))
                {
                    Replace(points, values, n, candidate, fc);
                }
                else
                {
                    for (var k = 1; k <= n; k++)
                    {
                        for (var i = 0; i < n; i++) points[k][i] = points[0][i] + 0.5 * (points[k][i] - points[0][i]);
                        values[k] = Evaluate(f, points[k], ref evaluations);
                    }
                }
            }
        }
        var best = Enumerable.Range(0, n + 1).MinBy(k => values[k]);
        return Finish(f, points[best], values[best], limit, evaluations, MinimizationExit.MaximumIterations);
    }

    private static double Evaluate(ObjectiveFunction f, double[] x, ref int evaluations)
    {
        evaluations++;
        var value = f(x, default);
        return double.IsNaN(value) ? double.PositiveInfinity : value;
    }

    private static void Replace(double[][] points, double[] values, int k, double[] point, double value)
    {
        Array.Copy(point, points[k], point.Length);
        values[k] = value;
    }

    private static bool Converged(double[][] points, double[] values, double tolerance)
    {
        if (!double.IsFinite(values[0])) return false;
        var spread = Math.Abs(values[^1] - values[0]);
        var size = 0.0;
        for (var k = 1; k < points.Length; k++)
            for (var i = 0; i < points[0].Length; i++) size = Math.Max(size, Math.Abs(points[k][i] - points[0][i]));
        return spread <= tolerance * Math.Max(1.0, Math.Abs(values[0])) && size <= Math.Sqrt(tolerance);
    }

    private static MinimizationResult Finish(ObjectiveFunction f, double[] x, double value, int iterations, int evaluations, MinimizationExit exit)
    {
        var gradient = new double[x.Length];
        f(x, gradient);
        return new MinimizationResult((double[])x.Clone(), value, Bfgs.MaxAbs(gradient), iterations, evaluations + 1, exit, "nelder-mead");
    }
}
