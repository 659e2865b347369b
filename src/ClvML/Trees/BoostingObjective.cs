namespace ClvML.Trees;

/// <summary>The loss a boosted model minimises.</summary>
public enum BoostingObjective
{
    /// <summary>Squared error on the identity link.</summary>
    SquaredError,
    /// <summary>Poisson deviance on the log link: counts, and spend treated as a rate.</summary>
    Poisson,
    /// <summary>Tweedie deviance (1 &lt; power &lt; 2) on the log link: zero-inflated, skewed spend (ML.NET's FastTreeTweedie exists for this).</summary>
    Tweedie,
}

/// <summary>
/// Gradients and hessians of each objective with respect to the raw score F (Newton boosting,
/// Friedman 2001; Chen &amp; Guestrin 2016). For the log link, mu = exp(F).
/// Tweedie with power rho: loss -y exp((1 - rho) F) / (1 - rho) + exp((2 - rho) F) / (2 - rho)
/// (Zhou, Yang &amp; Qian 2022, the form XGBoost and LightGBM use).
/// </summary>
internal static class ObjectiveFunctions
{
    /// <summary>Gradient and hessian of one row's loss at raw score <paramref name="f"/>.</summary>
    public static (double Gradient, double Hessian) At(BoostingObjective objective, double tweediePower, double y, double f)
    {
        switch (objective)
        {
            case BoostingObjective.SquaredError:
                return (f - y, 1);
            case BoostingObjective.Poisson:
                var mu = Math.Exp(f);
                return (mu - y, mu);
            default:
                var a = Math.Exp((1 - tweediePower) * f);
                var b = Math.Exp((2 - tweediePower) * f);
                return (-y * a + b, -(1 - tweediePower) * y * a + (2 - tweediePower) * b);
        }
    }

    /// <summary>The constant raw score that minimises the loss: the (weighted) mean, or its log.</summary>
    public static double InitialScore(BoostingObjective objective, ReadOnlySpan<double> target, ReadOnlySpan<double> weight)
    {
        double sum = 0, total = 0;
        for (var i = 0; i < target.Length; i++)
        {
            var w = weight.IsEmpty ? 1 : weight[i];
            sum += w * target[i];
            total += w;
        }
        var mean = sum / total;
        // A log link cannot start at log(0); a tiny positive mean keeps the first gradients finite.
        return objective == BoostingObjective.SquaredError ? mean : Math.Log(Math.Max(mean, 1e-12));
    }

    /// <summary>One row's loss: half squared error, or the deviance up to a constant.</summary>
    public static double RowLoss(BoostingObjective objective, double tweediePower, double y, double f) => objective switch
    {
        BoostingObjective.SquaredError => 0.5 * (f - y) * (f - y),
        BoostingObjective.Poisson => Math.Exp(f) - y * f,
        _ => -y * Math.Exp((1 - tweediePower) * f) / (1 - tweediePower) + Math.Exp((2 - tweediePower) * f) / (2 - tweediePower),
    };

    /// <summary>Mean <see cref="RowLoss"/> over <paramref name="rows"/>.</summary>
    public static double Loss(BoostingObjective objective, double tweediePower, double[] target, double[] score, int[] rows)
    {
        double sum = 0;
        foreach (var row in rows) sum += RowLoss(objective, tweediePower, target[row], score[row]);
        return sum / rows.Length;
    }

    /// <summary>The prediction of a raw score on the objective's link.</summary>
    public static double Link(BoostingObjective objective, double score) =>
        objective == BoostingObjective.SquaredError ? score : Math.Exp(score);
}
