namespace ClvML.Probabilistic;

/// <summary>Options of <see cref="ClvIntervals"/>.</summary>
public sealed record ClvIntervalOptions
{
    /// <summary>Parameter sets drawn from each fit's asymptotic normal.</summary>
    public int Draws { get; init; } = 500;
    /// <summary>Seed of the draws: the same seed, model and customers give the same intervals.</summary>
    public int Seed { get; init; }
    /// <summary>Lower quantile of the interval (0.05 with <see cref="Upper"/> 0.95 gives a 90% interval).</summary>
    public double Lower { get; init; } = 0.05;
    /// <summary>Upper quantile of the interval.</summary>
    public double Upper { get; init; } = 0.95;
    /// <summary>Threads to evaluate customers on (results do not depend on it).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}
