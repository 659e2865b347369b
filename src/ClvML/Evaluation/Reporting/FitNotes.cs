using System.Globalization;
using ClvML.Evaluation.Diagnostics;

namespace ClvML.Evaluation.Reporting;

/// <summary>
/// The warnings a transaction model's fit gives its reader, worded once: training prints them and
/// records them in manifest.json, and the report shows them as written there.
/// </summary>
public static class FitNotes
{
    /// <summary>Code of the warning for a fit at the no-dropout limit.</summary>
    public const string NoDropoutLimit = "no_dropout_limit";

    /// <summary>Code of the warning for weakly identified parameters away from that limit.</summary>
    public const string WeaklyIdentified = "weakly_identified";

    /// <summary>Code of the warning for a configured model that was not fitted (did not converge, or exceeded its fit limits).</summary>
    public const string ModelSkipped = "model_skipped";

    /// <summary>The warnings of <paramref name="fit"/>: none for a well-determined fit.</summary>
    public static IReadOnlyList<RunWarning> Of(ModelFit fit)
    {
        var name = ModelDisplayNames.TransactionModel(fit.Model);
        if (fit is { AtNoDropoutLimit: true, Dropout: { } d })
        {
            var boundary = double.IsFinite(d.NoDropoutLogLikelihood)
                ? $" Its log-likelihood, {Number(fit.LogLikelihood, "N2")}, equals the {Number(d.NoDropoutLogLikelihood, "N2")} of the NBD without dropout "
                  + $"(r = {Number(d.NoDropoutR)}, alpha = {Number(d.NoDropoutAlpha)}) to within {Number(Math.Abs(fit.LogLikelihood - d.NoDropoutLogLikelihood))}: "
                  + "the data give no evidence of customers leaving that this model can fit"
                  + (fit.WeaklyIdentified ? ", and its dropout parameters (and their standard errors) are not determined." : ".")
                : "";
            return [new RunWarning(NoDropoutLimit, fit.Model,
                $"{name}: the fit reached the no-dropout limit ({Parameters(fit, dropoutOnly: true)}; even the longest purchase history has a prior dropout probability of {Number(d.HighestDropoutProbability)})."
                + boundary
                + " P(alive) is therefore about 1 for every customer, so this model calls no customer lost, and its CLV is the no-churn forecast, "
                + "which overstates the value of customers who have in fact left.")];
        }
        if (fit.WeaklyIdentified)
            return [new RunWarning(WeaklyIdentified, fit.Model,
                $"{name}: some parameters are barely determined by the data ({Parameters(fit)}; a standard error is undefined or the estimate is extreme). "
                + "The forecasts are usable, but the parameter values should not be read as properties of the customers.")];
        return [];
    }

    /// <summary>The parameters as "name = value"; <paramref name="dropoutOnly"/> leaves out the purchase-rate r and alpha that every model of the limit shares.</summary>
    private static string Parameters(ModelFit fit, bool dropoutOnly = false) =>
        string.Join(", ", fit.Parameters.Where(p => !dropoutOnly || p.Key is not ("r" or "alpha")).Select(p => $"{p.Key} = {Number(p.Value)}"));

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Four significant digits, thousands grouped, and tiny values in exponent form (3.85e-7), as a reader compares them.</summary>
    private static string Number(double value) => Math.Abs(value) switch
    {
        0 => "0",
        < 1e-3 => value.ToString("0.##e+0", CultureInfo.InvariantCulture),
        < 1000 => value.ToString("G4", CultureInfo.InvariantCulture),
        _ => value.ToString("N0", CultureInfo.InvariantCulture),
    };
}
