using ClvML.Numerics;

namespace ClvML.Probabilistic;

/// <summary>
/// The negative log-likelihood of a BTYD model whose parameters depend on time-invariant covariates z through
/// p_i = p_0 exp(sign * gamma' z_i) (Fader &amp; Hardie 2007, "Incorporating time-invariant covariates into the
/// Pareto/NBD and BG/NBD models", brucehardie.com note 019), i.e. ln p_i = ln p_0 + sign * gamma' z_i in the
/// log-parameters the plain kernels take. theta = (the plain model's log-parameters, then one gamma block of
/// <c>K</c> coefficients per linked parameter). The gradient follows by the chain rule from the plain kernels'
/// analytic gradients: d/d ln p_0 sums the groups' d/d ln p, d/d gamma_k sums sign * z_gk * d/d ln p.
/// The links (alpha and beta with sign -1, BG/NBD's a and b with sign +1) are those CLVTools documents for its
/// static-covariate pnbd and bgnbd and that the note states; the note's own text was not at hand to cite by equation.
/// </summary>
internal sealed class CovariateLikelihood(CovariateGroups groups, ObjectiveFunction[] kernels, int plainDimension, int[] linked, double[] signs)
{
    /// <summary>Plain log-parameters plus a gamma block per linked parameter.</summary>
    public int Dimension => plainDimension + linked.Length * Columns;

    private int Columns => groups.Covariates.Length == 0 ? 0 : groups.Covariates[0].Length;

    /// <summary>Group <paramref name="g"/>'s plain log-parameters at <paramref name="theta"/>.</summary>
    public void GroupParameters(ReadOnlySpan<double> theta, int g, Span<double> plain)
    {
        theta[..plainDimension].CopyTo(plain);
        var z = groups.Covariates[g];
        for (var l = 0; l < linked.Length; l++)
        {
            var offset = plainDimension + l * z.Length;
            double effect = 0;
            for (var k = 0; k < z.Length; k++) effect += theta[offset + k] * z[k];
            plain[linked[l]] += signs[l] * effect;
        }
    }

    /// <summary>Total negative log-likelihood; gradient when not empty.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Span<double> plain = stackalloc double[plainDimension];
        Span<double> plainGradient = stackalloc double[plainDimension];
        if (!gradient.IsEmpty) gradient.Clear();
        double total = 0;
        for (var g = 0; g < kernels.Length; g++)
        {
            GroupParameters(theta, g, plain);
            total += kernels[g](plain, gradient.IsEmpty ? default : plainGradient);
            if (gradient.IsEmpty) continue;
            for (var j = 0; j < plainDimension; j++) gradient[j] += plainGradient[j];
            var z = groups.Covariates[g];
            for (var l = 0; l < linked.Length; l++)
            {
                var offset = plainDimension + l * z.Length;
                for (var k = 0; k < z.Length; k++) gradient[offset + k] += signs[l] * z[k] * plainGradient[linked[l]];
            }
        }
        return total;
    }
}
