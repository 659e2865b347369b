namespace ClvML.Probabilistic;

/// <summary>
/// Customers split by identical covariate rows. Customers of one group share their individual parameters, so the
/// covariate model's likelihood is the sum over groups of the plain model's likelihood at the group's parameters:
/// the plain models' likelihood kernels (with their compression and analytic gradients) are reused unchanged.
/// One-hot covariates give a handful of groups; continuous ones give up to one group per customer.
/// </summary>
internal sealed class CovariateGroups
{
    private CovariateGroups(PurchaseSummary[] summaries, double[][] covariates, int customers)
    {
        Summaries = summaries;
        Covariates = covariates;
        Customers = customers;
    }

    /// <summary>Each group's purchase histories.</summary>
    public PurchaseSummary[] Summaries { get; }

    /// <summary>Each group's covariate row.</summary>
    public double[][] Covariates { get; }

    /// <summary>Customers over all groups.</summary>
    public int Customers { get; }

    /// <summary>Rows over all groups after compression.</summary>
    public int Rows => Summaries.Sum(s => s.Rows);

    /// <summary>Total weight over all groups.</summary>
    public double TotalWeight => Summaries.Sum(s => s.TotalWeight);

    public static CovariateGroups Create(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> T,
        CovariateMatrix covariates, bool compress)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        if (covariates.Rows != frequency.Length)
            throw new ArgumentException($"The covariate matrix has {covariates.Rows} rows for {frequency.Length} customers.", nameof(covariates));
        var members = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < frequency.Length; i++)
        {
            // The round-trip text of the row identifies it exactly (0 and -0 aside, which give the same parameters).
            var key = string.Join(",", covariates.Row(i).ToArray().Select(v => (v + 0.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            if (!members.TryGetValue(key, out var list))
            {
                members[key] = list = [];
                order.Add(key);
            }
            list.Add(i);
        }
        var summaries = new PurchaseSummary[order.Count];
        var rows = new double[order.Count][];
        for (var g = 0; g < order.Count; g++)
        {
            var index = members[order[g]];
            double[] x = new double[index.Count], tx = new double[index.Count], t = new double[index.Count];
            for (var j = 0; j < index.Count; j++) (x[j], tx[j], t[j]) = (frequency[index[j]], recency[index[j]], T[index[j]]);
            summaries[g] = PurchaseSummary.Create(x, tx, t, default, compress);
            rows[g] = covariates.Row(index[0]).ToArray();
        }
        return new CovariateGroups(summaries, rows, frequency.Length);
    }
}
