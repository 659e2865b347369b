namespace ClvML.Evaluation.Report;

/// <summary>One model's entry in report/metrics.json: its name, kind and holdout metrics.</summary>
public sealed record ModelMetrics
{
    /// <summary>Creates an entry; metric names are the keys of <see cref="MetricNames"/> (others may be added).</summary>
    public ModelMetrics(string name, string kind, IEnumerable<KeyValuePair<string, double>> metrics)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(metrics);
        Name = name;
        Kind = kind;
        Metrics = [.. metrics];
        var duplicate = Metrics.GroupBy(m => m.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Model '{name}' lists metric '{duplicate.Key}' twice.", nameof(metrics));
    }

    /// <summary>Model name as shown in the leaderboard ("bg_nbd", "gbdt", "historic_average").</summary>
    public string Name { get; }

    /// <summary>Model family ("probabilistic", "regression", "heuristic", ...).</summary>
    public string Kind { get; }

    /// <summary>Metrics in the order they are written; NaN means "not defined for this model or data".</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Metrics { get; }

    /// <summary>Leaderboard rank, shared by tied models (1, 1, 3); null when the document is not a ranking.</summary>
    public int? Rank { get; init; }

    /// <summary>How the model's fit went, as "fit" facts (numbers, booleans, text); empty for models without a likelihood fit.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Fit { get; init; } = [];

    /// <summary>The metric called <paramref name="metric"/>, or NaN when the model does not have it.</summary>
    public double this[string metric] => Metrics.FirstOrDefault(m => m.Key == metric, KeyValuePair.Create(metric, double.NaN)).Value;
}
