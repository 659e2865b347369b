using System.Globalization;
using ClvML.Configuration;

namespace ClvML.Features;

/// <summary>
/// The calibration and holdout boundaries checked against the data once it has been read. The
/// config loader can only check the dates against each other; whether they make sense depends on
/// the first and last transaction. What is decided here, and why:
/// <list type="bullet">
/// <item>A calibration period without purchases is an error: there is nothing to fit.</item>
/// <item>An empty holdout (no purchase in (calibration end, observation end] by the customers the
/// models are fitted on, or no net spend there) is an error: every forecast would be judged against
/// zeros, and a leaderboard ranked on that names a "best" model that nothing supports.</item>
/// <item>An observation end past the last transaction is a warning while the gap is short: real
/// extracts often end a few days before the period end (a closed weekend, a holiday, a
/// mid-week extract), and the holdout is still mostly covered. The models forecast the whole holdout,
/// though, while the actual figures stop at the last transaction, so the comparison is off by about
/// the share of the holdout without data. Past <see cref="TolerableGap"/> that share is an error,
/// unless the data are so sparse that a quiet spell that long is likely by chance
/// (<see cref="QuietSpellProbability"/>): a log of a few customers can go weeks without a purchase,
/// and then the gap says nothing about where the extract ends.</item>
/// </list>
/// Errors are <see cref="InputException"/>s naming the YAML key and the data's first and last transaction.
/// </summary>
public static class PeriodBoundaries
{
    /// <summary>Code of the warning for an observation end a little after the last transaction.</summary>
    public const string ObservationEndAfterLastTransaction = "observation_end_after_last_transaction";

    /// <summary>
    /// The longest gap between the last transaction and the observation end that is only a warning:
    /// a week (closing days, weekends and holiday breaks show in complete data), or a tenth of the
    /// holdout when that is longer (the comparison is then off by at most about 10%), but never half
    /// the holdout or more (a holdout mostly without data judges nothing).
    /// </summary>
    internal static double TolerableGap(int holdoutDays) => Math.Min(Math.Max(7, 0.1 * holdoutDays), 0.5 * holdoutDays);

    /// <summary>
    /// The chance that purchases arriving at the data's mean rate (purchase periods of the table's customers per
    /// day from the first to the last transaction; a lower bound on the rate of purchases, so the rule errs towards
    /// a warning) leave <paramref name="gapDays"/> days without any, e^(−rate · gap) for Poisson arrivals.
    /// A gap is an error only when this is below <see cref="ImprobableQuietSpell"/>.
    /// </summary>
    internal static double QuietSpellProbability(double purchases, int spanDays, int gapDays) =>
        Math.Exp(-purchases / Math.Max(1, spanDays) * gapDays);

    /// <summary>One chance in a thousand: a quiet spell less likely than this means the data stop early.</summary>
    internal const double ImprobableQuietSpell = 1e-3;

    /// <summary>The key that set the calibration end.</summary>
    private static string CalibrationKey(FeatureSettings features) =>
        features.CalibrationEnd is null && features.Holdout is not null ? "features.holdout" : "features.calibration_end";

    private static string Span(string source, int firstDay, int lastDay) =>
        $"transactions in {source} run from {Date(firstDay)} to {Date(lastDay)}";

    /// <summary>The error for a calibration period in which no customer bought anything.</summary>
    internal static InputException CalibrationWithoutPurchases(FeatureSettings features, string source, int calibrationEnd, int firstDay, int lastDay)
    {
        var key = CalibrationKey(features);
        var setting = key == "features.holdout"
            ? $"features.holdout: {Number(features.Holdout!.Value)} {features.TimeUnit.ToString().ToLowerInvariant()}s puts the calibration end at {Date(calibrationEnd)}"
            : $"features.calibration_end: {Date(calibrationEnd)}";
        var fix = key == "features.holdout" ? "shorten features.holdout" : $"set features.calibration_end on or after {Date(firstDay)}";
        return new InputException(calibrationEnd < firstDay
            ? $"{setting}, before the first transaction, so the calibration period has no purchases to fit the models on ({Span(source, firstDay, lastDay)}); {fix}."
            : $"{setting}, and no customer has a purchase on or before it ({Span(source, firstDay, lastDay)}); {fix}.");
    }

    /// <summary>The error for a holdout period that starts after the last transaction.</summary>
    internal static InputException HoldoutAfterData(FeatureSettings features, string source, int calibrationEnd, int observationEnd, int firstDay, int lastDay)
    {
        var key = CalibrationKey(features);
        return new InputException($"{key}: the calibration end {Date(calibrationEnd)} is on or after the last transaction ({Span(source, firstDay, lastDay)}), "
            + $"so the holdout {Date(calibrationEnd + 1)} to {Date(observationEnd)} has no purchases and no model can be judged on it; "
            + $"set {key} so that the calibration ends before {Date(lastDay)}.");
    }

    /// <summary>
    /// Checks a built table's holdout against the data (nothing to check without a holdout, or when
    /// the observation end equals the calibration end, as in scoring); returns the warnings.
    /// </summary>
    internal static IReadOnlyList<RunWarning> Check(FeatureSettings features, string source, CustomerFeatureTable table, int firstSeenInHoldout)
    {
        var w = table.Window;
        if (table.Holdout is not { } holdout || w is not { CalibrationEnd: { } c, ObservationEnd: { } o, FirstTransaction: { } f, LastTransaction: { } l } || o <= c)
            return [];
        int calibrationEnd = c.DayNumber, observationEnd = o.DayNumber, firstDay = f.DayNumber, lastDay = l.DayNumber;
        if (lastDay <= calibrationEnd) throw HoldoutAfterData(features, source, calibrationEnd, observationEnd, firstDay, lastDay);
        var key = CalibrationKey(features);
        var period = $"{Date(calibrationEnd + 1)} to {Date(observationEnd)}";
        if (holdout.Frequency.Sum() == 0)
            throw new InputException($"{key}: none of the {table.Count:N0} customers of the calibration period (to {Date(calibrationEnd)}) has a purchase in the holdout {period}"
                + (firstSeenInHoldout switch { 0 => "", 1 => " (the 1 customer first seen there is not compared)", var n => $" (the {n:N0} customers first seen there are not compared)" })
                + $", so no model can be judged on it ({Span(source, firstDay, lastDay)}); end the calibration earlier.");
        var spend = holdout.Spend.Sum();
        if (!(spend > 0))
            throw new InputException($"{key}: the holdout {period} has purchases but a net spend of {spend.ToString("N2", CultureInfo.InvariantCulture)} "
                + $"(returns cancel the purchases), so there is no spend to judge the forecasts on ({Span(source, firstDay, lastDay)}); move the calibration end or set data.returns.");

        if (features.ObservationEnd is null || lastDay >= observationEnd) return [];
        var gap = observationEnd - lastDay;
        var holdoutDays = observationEnd - calibrationEnd;
        var share = (double)gap / holdoutDays;
        var what = $"features.observation_end: {Date(observationEnd)} is {Days(gap)} after the last transaction ({Span(source, firstDay, lastDay)}): "
            + $"the last {Days(gap)} of the {holdoutDays:N0}-day holdout ({(100 * share).ToString("0", CultureInfo.InvariantCulture)}%) have no purchases in the data, "
            + "while every model forecasts them";
        var purchases = table.Frequency.Sum() + table.Count + holdout.Frequency.Sum();
        var chance = QuietSpellProbability(purchases, lastDay - firstDay + 1, gap);
        var isLong = gap > TolerableGap(holdoutDays);
        if (isLong && chance < ImprobableQuietSpell)
            throw new InputException($"{what}; set features.observation_end to {Date(lastDay)} (or leave it out to end at the last transaction).");
        return [new RunWarning(ObservationEndAfterLastTransaction, "features.observation_end",
            $"{what}. If the extract ends on {Date(lastDay)}, actual holdout purchases and spend fall short by about that share; "
            + $"set features.observation_end to {Date(lastDay)} to compare like with like."
            + (isLong ? $" (The data are sparse: at their rate of {(purchases / (lastDay - firstDay + 1)).ToString("0.###", CultureInfo.InvariantCulture)} purchases a day, "
                + $"{Days(gap)} without one has a {(100 * chance).ToString("0.#", CultureInfo.InvariantCulture)}% chance, so the gap may be a quiet spell and is not refused.)" : ""))];
    }

    private static string Days(int days) => days == 1 ? "1 day" : $"{days:N0} days";

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Date(int day) => DateOnly.FromDayNumber(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
