using System.Globalization;
using ClvML.Evaluation.Diagnostics;
using ClvML.Evaluation.Report;

namespace ClvML.Evaluation.Reporting;

public static partial class RunReport
{
    /// <summary>
    /// Model series coincide when no value differs by more than this share of the largest value among
    /// them: at the report's chart heights that is under a pixel, so one series hides the other.
    /// </summary>
    private const double CoincidenceShare = 1e-3;

    /// <summary>A share as the report's tables write it ("0.1%").</summary>
    private static string Percent(double share) => new ReportColumn("", NumberFormat: "P1").FormatCell(share);

    /// <summary>
    /// A caption sentence naming the model series that draw the same picture (empty when none do),
    /// so that a reader is not left looking for a line hidden under another one.
    /// </summary>
    private static string Coinciding(IEnumerable<(string Name, IReadOnlyList<double> Values)> series, bool lines)
    {
        var all = series.ToList();
        var largest = all.SelectMany(s => s.Values).Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        var tolerance = CoincidenceShare * largest;
        var groups = new List<List<string>>();
        var taken = new bool[all.Count];
        for (var i = 0; i < all.Count; i++)
        {
            if (taken[i]) continue;
            var group = new List<string> { all[i].Name };
            for (var j = i + 1; j < all.Count; j++)
            {
                if (taken[j] || all[j].Values.Count != all[i].Values.Count) continue;
                if (all[i].Values.Zip(all[j].Values).All(p => Math.Abs(p.First - p.Second) <= tolerance || (double.IsNaN(p.First) && double.IsNaN(p.Second))))
                {
                    group.Add(all[j].Name);
                    taken[j] = true;
                }
            }
            if (group.Count > 1) groups.Add(group);
        }
        var share = Percent(CoincidenceShare);
        return string.Concat(groups.Select(g => lines
            ? $" The lines of {Join(g)} lie on top of one another (they differ by less than {share} of the largest value), so only one of them shows."
            : $" {Join(g)} have bars of the same height (within {share} of the largest value)."));
    }

    /// <summary>
    /// The caption of the P(alive) heat map, from what its cells hold: a map that is the same colour
    /// everywhere says so, instead of pointing at customers the model calls lost.
    /// </summary>
    private static string AliveCaption(AliveGrid alive, string unit, RunDiagnostics diagnostics)
    {
        var cells = new List<(int F, int R, double Mean, int Customers)>();
        for (var f = 0; f < alive.FrequencyBins.Count; f++)
            for (var r = 0; r < alive.RecencyBins.Count; r++)
                if (alive.Customers[f, r] > 0 && double.IsFinite(alive.MeanPAlive[f, r])) cells.Add((f, r, alive.MeanPAlive[f, r], alive.Customers[f, r]));
        var empty = alive.FrequencyBins.Count * alive.RecencyBins.Count - cells.Count;
        var text = "Each cell is the mean probability that its customers are still active at the calibration end"
            + (empty > 0 ? "; grey cells hold no customers." : ".");
        if (cells.Count == 0) return text;
        var lowest = cells.MinBy(c => c.Mean);
        var highest = cells.Max(c => c.Mean);
        static string P(double p) => p.ToString("0.00", CultureInfo.InvariantCulture);
        if (P(lowest.Mean) == P(highest))
        {
            var limit = diagnostics.Fits.Any(f => f.Model == alive.Model && f.AtNoDropoutLimit)
                ? " Its fit is at the no-dropout limit (see the warning in the summary), so it calls no customer lost, however long ago they last bought."
                : "";
            return text + $" Every cell shows {P(highest)}: the model gives customers of every frequency and recency the same P(alive)"
                + (highest >= 0.995 ? ", about 1." : ".") + limit;
        }
        var customers = cells.Sum(c => c.Customers);
        var below = cells.Where(c => c.Mean < 0.5).Sum(c => c.Customers);
        return text + $" Mean P(alive) runs from {P(lowest.Mean)} to {P(highest)}; the lowest is the cell of {(lowest.Customers == 1 ? "the 1 customer" : $"the {lowest.Customers:N0} customers")} "
            + $"with {alive.FrequencyBins[lowest.F]} repeat purchases whose last purchase came at age {alive.RecencyBins[lowest.R]} {unit}s. "
            + (below > 0
                ? $"{Percent((double)below / customers)} of the customers are in cells below 0.50, the ones the model calls more likely lost than active."
                : "No cell is below 0.50: the model calls no group of customers more likely lost than active.");
    }
}
