using System.Runtime.CompilerServices;
using ClvML.Numerics;

namespace ClvML.Probabilistic;

/// <summary>
/// How a fitted BG/NBD, MBG/NBD or Pareto/NBD stands to its no-dropout limit, saved with the fit.
/// All three tend to the same boundary model when dropout vanishes (BG/NBD and MBG/NBD: a → 0 with
/// b → ∞, so the mean dropout probability a/(a+b) → 0; Pareto/NBD: s → 0 or β → ∞, so the mean
/// dropout rate s/β → 0): every customer buys at a Gamma(r, α)-distributed Poisson rate forever,
/// the NBD of Ehrenberg (1959), whose likelihood is written beside <see cref="NoDropoutLimit"/>.
/// </summary>
/// <param name="AtLimit">
/// True when the fit is at the limit for every customer of the data: the prior probability of having
/// dropped out, for the customer with the most repeat purchases (BG/NBD, MBG/NBD) or the longest
/// history (Pareto/NBD), is below <see cref="NoDropoutLimit.Threshold"/>. P(alive) is then about 1 for
/// everyone and the forecasts are those of the NBD.
/// </param>
/// <param name="HighestDropoutProbability">That prior dropout probability of the longest history.</param>
/// <param name="NoDropoutLogLikelihood">Maximum log-likelihood of the boundary model on the same data (NaN when its fit failed).</param>
/// <param name="NoDropoutR">Shape r of the boundary model's purchase rates at its maximum.</param>
/// <param name="NoDropoutAlpha">Scale alpha of the boundary model's purchase rates at its maximum.</param>
public sealed record DropoutDiagnosis(bool AtLimit, double HighestDropoutProbability, double NoDropoutLogLikelihood, double NoDropoutR, double NoDropoutAlpha);

/// <summary>
/// The no-dropout boundary of the BTYD transaction models. With no dropout a customer with purchase
/// rate λ who made x repeat purchases in (0, T] has likelihood λ^x e^(−λT) (Fader, Hardie &amp; Lee 2005,
/// section 3); mixed over λ ~ Gamma(r, α) it is
/// L(r, α | x, T) = Γ(r+x)/Γ(r) · α^r / (α+T)^(r+x),
/// the limit of FHL 2005 eq. 6 as a → 0 (B(a, b+x)/B(a, b) → 1, the second term → 0), of the MBG/NBD
/// likelihood likewise, and of the Pareto/NBD likelihood (Fader &amp; Hardie 2005 note, eq. 18) as s → 0.
/// Its maximum is therefore the likelihood a fit reaches at the boundary, to compare with the fitted one.
/// </summary>
public static class NoDropoutLimit
{
    /// <summary>
    /// A fit is at the limit when even its longest history has a prior dropout probability below this:
    /// P(alive) is then at least 0.999 for every customer, and no customer is told apart as lost.
    /// </summary>
    public const double Threshold = 1e-3;

    // The three models of a run are fitted to one PurchaseSummary: its boundary fit is computed once.
    private static readonly ConditionalWeakTable<PurchaseSummary, BoundaryFit> Fits = new();

    private sealed record BoundaryFit(double R, double Alpha, double LogLikelihood);

    /// <summary>
    /// <paramref name="diagnostics"/> of <paramref name="model"/>, fitted to <paramref name="data"/>, with
    /// its <see cref="FitDiagnostics.Dropout"/> filled in; unchanged for models without a dropout process
    /// of this kind (BG/BB, Gamma-Gamma).
    /// </summary>
    public static FitDiagnostics? Diagnose(IProbabilisticModel model, FitDiagnostics? diagnostics, PurchaseSummary data)
    {
        if (diagnostics is null || data.Rows == 0) return diagnostics;
        var maximumX = data.X.Max();
        double? dropout = model switch
        {
            BgNbdModel m => PriorDropout(m.A, m.B, maximumX),
            ModifiedBgNbdModel m => PriorDropout(m.A, m.B, maximumX + 1),
            ParetoNbdModel m => -LogSpace.Expm1(-m.S * LogSpace.Log1p(data.MaximumT / m.Beta)),
            _ => null,
        };
        if (dropout is not { } p) return diagnostics;
        var boundary = Fits.GetValue(data, Fit);
        return diagnostics with { Dropout = new DropoutDiagnosis(p < Threshold, p, boundary.LogLikelihood, boundary.R, boundary.Alpha) };
    }

    /// <summary>1 − E[(1−p)^n] = 1 − B(a, b+n)/B(a, b): the prior probability of dropping out at one of n chances, p ~ Beta(a, b).</summary>
    private static double PriorDropout(double a, double b, double n) =>
        -LogSpace.Expm1(LogSpace.LogBeta(a, b + n) - LogSpace.LogBeta(a, b));

    /// <summary>The boundary model's log-likelihood at (r, α), summed over the weighted rows.</summary>
    public static double LogLikelihood(double r, double alpha, PurchaseSummary data) =>
        -NegativeLogLikelihood(data, [Math.Log(r), Math.Log(alpha)], default);

    private static BoundaryFit Fit(PurchaseSummary data)
    {
        var scale = 1.0 / data.TotalWeight;
        double Objective(ReadOnlySpan<double> theta, Span<double> gradient)
        {
            var value = NegativeLogLikelihood(data, theta, gradient) * scale;
            for (var i = 0; i < gradient.Length; i++) gradient[i] *= scale;
            return double.IsFinite(value) ? value : double.PositiveInfinity;
        }
        // The same starts as the four-parameter models' r and alpha (Starts.ShapeScaleShapeShape).
        var s = Starts.TimeScale(data);
        MinimizationResult? best = null;
        foreach (var start in new[] { new[] { 1.0, s }, [0.5, 4 * s], [2, 0.25 * s] })
        {
            var result = Bfgs.Minimize(Objective, [Math.Log(start[0]), Math.Log(start[1])]);
            if (best is null || result.Value < best.Value) best = result;
            if (result.Exit == MinimizationExit.GradientConverged) break;
        }
        if (best is null || !double.IsFinite(best.Value)) return new BoundaryFit(double.NaN, double.NaN, double.NaN);
        return new BoundaryFit(Math.Exp(best.Minimizer[0]), Math.Exp(best.Minimizer[1]), -best.Value * data.TotalWeight);
    }

    /// <summary>−Σ w [ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+T)] and its gradient in (ln r, ln α).</summary>
    private static double NegativeLogLikelihood(PurchaseSummary data, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double r = Math.Exp(theta[0]), alpha = Math.Exp(theta[1]);
        var logAlpha = theta[1];
        var lnGammaR = LogSpace.LogGamma(r);
        var psiR = LogSpace.Digamma(r);
        double ll = 0, dr = 0, dalpha = 0;
        for (var i = 0; i < data.Rows; i++)
        {
            double x = data.X[i], w = data.Weight[i], logAlphaT = Math.Log(alpha + data.T[i]);
            ll += w * (LogSpace.LogGamma(r + x) - lnGammaR + r * logAlpha - (r + x) * logAlphaT);
            if (gradient.IsEmpty) continue;
            dr += w * (LogSpace.Digamma(r + x) - psiR + logAlpha - logAlphaT);
            dalpha += w * (r / alpha - (r + x) / (alpha + data.T[i]));
        }
        if (!gradient.IsEmpty)
        {
            gradient[0] = -dr * r;
            gradient[1] = -dalpha * alpha;
        }
        return -ll;
    }
}
