using System.Globalization;
using ClvML.Features;
using ClvML.Probabilistic;

namespace ClvML.Evaluation.Diagnostics;

/// <summary>
/// Mean P(alive) of the customers in each cell of a frequency x recency grid (lifetimes'
/// <c>plot_probability_alive_matrix</c> shows the model's P(alive) over the same plane; here the
/// cells hold the actual customers, so empty regions show as empty). A customer who bought often
/// but long ago is the one the models call dead; the grid shows where that line runs.
/// </summary>
/// <param name="Model">The transaction model whose P(alive) is shown.</param>
/// <param name="FrequencyBins">Row labels: repeat purchases.</param>
/// <param name="RecencyBins">Column labels: age at the last purchase, in time units.</param>
/// <param name="MeanPAlive">[frequency bin, recency bin] mean P(alive); NaN for an empty cell.</param>
/// <param name="Customers">[frequency bin, recency bin] customers.</param>
public sealed record AliveGrid(string Model, IReadOnlyList<string> FrequencyBins, IReadOnlyList<string> RecencyBins, double[,] MeanPAlive, int[,] Customers)
{
    private const int RecencyBinCount = 12;

    /// <summary>Lower edges of the frequency bins: single counts while they fit, then widening ranges.</summary>
    private static readonly int[] WideFrequencyEdges = [0, 1, 2, 3, 4, 5, 7, 10, 15, 25, 40, 70];

    /// <summary>Bins the customers of <paramref name="table"/> and averages <paramref name="model"/>'s P(alive) per cell.</summary>
    public static AliveGrid Compute(CustomerFeatureTable table, ITransactionModel model)
    {
        var maxFrequency = table.Count > 0 ? (int)table.Frequency.Max() : 0;
        var edges = maxFrequency <= 12 ? [.. Enumerable.Range(0, maxFrequency + 1)] : WideFrequencyEdges.Where(e => e <= maxFrequency).ToArray();
        var maxT = table.Count > 0 ? Math.Max(table.T.Max(), 1) : 1;
        var width = NiceWidth(maxT / RecencyBinCount);
        var recencyBins = Math.Max(1, (int)Math.Ceiling(maxT / width + 1e-9));
        var sum = new double[edges.Length, recencyBins];
        var customers = new int[edges.Length, recencyBins];
        for (var i = 0; i < table.Count; i++)
        {
            var f = Array.FindLastIndex(edges, e => e <= table.Frequency[i]);
            var r = Math.Min(recencyBins - 1, (int)(table.Recency[i] / width));
            var p = model.ProbabilityAlive(table.Frequency[i], table.Recency[i], table.T[i]);
            if (!double.IsFinite(p)) continue;
            sum[Math.Max(0, f), r] += p;
            customers[Math.Max(0, f), r]++;
        }
        var mean = new double[edges.Length, recencyBins];
        for (var f = 0; f < edges.Length; f++)
            for (var r = 0; r < recencyBins; r++) mean[f, r] = customers[f, r] > 0 ? sum[f, r] / customers[f, r] : double.NaN;
        var frequencyLabels = edges.Select((e, k) => k == edges.Length - 1 ? (e == maxFrequency ? Label(e) : $"{Label(e)}+")
            : edges[k + 1] - e == 1 ? Label(e) : $"{Label(e)}-{Label(edges[k + 1] - 1)}").ToArray();
        var recencyLabels = Enumerable.Range(0, recencyBins).Select(r => $"{Label(r * width)}-{Label((r + 1) * width)}").ToArray();
        return new AliveGrid(model.Name, frequencyLabels, recencyLabels, mean, customers);
    }

    /// <summary>A bin width of 1, 2 or 5 times a power of ten, so the labels read as round numbers.</summary>
    private static double NiceWidth(double raw)
    {
        if (!(raw > 0)) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = raw / power;
        return (step <= 1 ? 1 : step <= 2 ? 2 : step <= 5 ? 5 : 10) * power;
    }

    private static string Label(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
