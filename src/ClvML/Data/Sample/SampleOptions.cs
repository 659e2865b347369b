using System.Globalization;

namespace ClvML.Data.Sample;

/// <summary>
/// What the built-in transaction generator draws (see <see cref="SampleGenerator"/> for the
/// generative model). Vary it with <c>with</c>: <c>new SampleOptions() with { Customers = 1_000 }</c>.
/// </summary>
public sealed record SampleOptions
{
    /// <summary>Number of customers drawn.</summary>
    // About 60,000 rows: enough for stable BG/NBD and k-means fits (CDNOW has 2,357 customers),
    // small enough to generate in well under a second in tests and the README.
    public int Customers { get; init; } = 20_000;

    /// <summary>
    /// The most customers a sample may have: customer ids are indexes into int arrays, and each
    /// customer holds at least one row of the row buffer, whose length is capped by Array.MaxLength.
    /// </summary>
    public const int MaxCustomers = 100_000_000;

    /// <summary>Seed of every random draw; the same options always give byte-identical output.</summary>
    // The project-wide default seed (run.seed in train.yaml).
    public int Seed { get; init; } = 42;

    /// <summary>First day a customer can be acquired (and so the first possible transaction date).</summary>
    // A calendar-year start keeps windows in examples easy to read.
    public DateOnly Start { get; init; } = new(2024, 1, 1);

    /// <summary>Last possible transaction date (inclusive): the end of observation.</summary>
    // Two years: a year of calibration and a year of holdout fit inside.
    public DateOnly End { get; init; } = new(2025, 12, 31);

    /// <summary>
    /// Last acquisition date (inclusive). Customers are acquired on a day drawn uniformly from
    /// <see cref="Start"/> to this date.
    /// </summary>
    // Six months before End: every customer is observed for at least 26 weeks, so a 26-week
    // holdout sees all of them and cohorts of different ages coexist, as in real data.
    public DateOnly AcquisitionEnd { get; init; } = new(2025, 6, 30);

    /// <summary>Acquisition channels with their shares and model parameters; shares sum to 1.</summary>
    // Three clearly different populations so that segmentation and per-channel fits have something to find.
    public IReadOnlyList<SampleChannel> Channels { get; init; } = DefaultChannels;

    /// <summary>Countries with their shares; shares sum to 1.</summary>
    // A few codes so that attribute grouping is exercised; countries do not change behaviour.
    public IReadOnlyList<SampleCountry> Countries { get; init; } = DefaultCountries;

    /// <summary>
    /// Whether a customer may also drop out right after the first purchase, as in MBG/NBD
    /// (Batislam, Denizel &amp; Filiztekin 2007) instead of BG/NBD, where dropout only follows a
    /// repeat purchase (Fader, Hardie &amp; Lee 2005: <c>P(X(t) = 0 | lambda, p) = exp(-lambda t)</c>).
    /// </summary>
    // BG/NBD is the reference model the suite is tested against; MBG/NBD data is there to test the modified model.
    public bool DropoutAfterFirstPurchase { get; init; }

    /// <summary>
    /// Probability that a purchase is returned 1 to 30 days later (uniformly), in full or in part
    /// (half the time each). A return dated after <see cref="End"/> is not written.
    /// </summary>
    // A few percent, typical of non-fashion e-commerce; enough to exercise the returns policy.
    public double ReturnRate { get; init; } = 0.03;

    /// <summary>
    /// Probability that a written purchase or return row is followed by one extra malformed row
    /// (missing customer id, bad date, bad amount, NaN amount or wrong field count, equally likely).
    /// Malformed rows are added, never substituted, so the true transactions stay intact.
    /// </summary>
    // Two per thousand: every reject reason shows up in a default run without distorting the data.
    public double MalformedRate { get; init; } = 0.002;

    /// <summary>
    /// The default channels. <c>organic</c> is close to the published CDNOW fits (BG/NBD r 0.243,
    /// alpha 4.41, a 0.793, b 2.43; Gamma-Gamma p 6.25, q 3.74, gamma 15.4); <c>paid_search</c>
    /// churns faster and spends less; <c>referral</c> buys more often and spends more.
    /// </summary>
    public static IReadOnlyList<SampleChannel> DefaultChannels { get; } =
    [
        // E[lambda] 0.0625/week, E[p] 0.24, E[z] 30.
        new("organic", 0.5, R: 0.25, Alpha: 4, A: 0.8, B: 2.5, P: 6, Q: 4, Gamma: 15),
        // E[lambda] 0.05/week, E[p] 0.40, E[z] 20.
        new("paid_search", 0.3, R: 0.2, Alpha: 4, A: 1.2, B: 1.8, P: 5, Q: 4, Gamma: 12),
        // E[lambda] 0.114/week, E[p] 0.17, E[z] 43.75.
        new("referral", 0.2, R: 0.4, Alpha: 3.5, A: 0.6, B: 3.0, P: 7, Q: 5, Gamma: 25),
    ];

    /// <summary>The default countries: GB 35%, DE 25%, FR 15%, NL 10%, US 15%.</summary>
    public static IReadOnlyList<SampleCountry> DefaultCountries { get; } =
    [
        new("GB", 0.35), new("DE", 0.25), new("FR", 0.15), new("NL", 0.10), new("US", 0.15),
    ];

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that is out of range.</summary>
    internal void Validate()
    {
        if (Customers < 1 || Customers > MaxCustomers)
            Fail($"Customers must be between 1 and {MaxCustomers:N0}; got {Customers}.");
        if (AcquisitionEnd < Start)
            Fail($"AcquisitionEnd ({Iso(AcquisitionEnd)}) must not be before Start ({Iso(Start)}).");
        if (End < AcquisitionEnd)
            Fail($"End ({Iso(End)}) must not be before AcquisitionEnd ({Iso(AcquisitionEnd)}).");
        if (Channels is null || Channels.Count == 0)
            Fail("Channels must hold at least one channel.");
        if (Channels.Count > byte.MaxValue + 1)
            Fail($"Channels may hold at most {byte.MaxValue + 1} channels; got {Channels.Count}.");
        for (var i = 0; i < Channels.Count; i++)
            ValidateChannel(Channels[i], $"Channels[{i}]");
        CheckShares(Channels.Select(c => c.Share), "Channels");
        CheckUnique(Channels.Select(c => c.Name), "Channels", "Name");
        if (Countries is null || Countries.Count == 0)
            Fail("Countries must hold at least one country.");
        if (Countries.Count > byte.MaxValue + 1)
            Fail($"Countries may hold at most {byte.MaxValue + 1} countries; got {Countries.Count}.");
        for (var i = 0; i < Countries.Count; i++)
        {
            var country = Countries[i] ?? Fail<SampleCountry>($"Countries[{i}] is null.");
            if (string.IsNullOrWhiteSpace(country.Code))
                Fail($"Countries[{i}].Code must not be empty.");
            CheckShare(country.Share, $"Countries[{i}].Share");
        }
        CheckShares(Countries.Select(c => c.Share), "Countries");
        CheckUnique(Countries.Select(c => c.Code), "Countries", "Code");
        if (!(ReturnRate >= 0 && ReturnRate <= 1))
            Fail($"ReturnRate must be a probability in [0, 1]; got {Num(ReturnRate)}.");
        if (!(MalformedRate >= 0 && MalformedRate <= 1))
            Fail($"MalformedRate must be a probability in [0, 1]; got {Num(MalformedRate)}.");
    }

    private static void ValidateChannel(SampleChannel? channel, string path)
    {
        if (channel is null)
            Fail($"{path} is null.");
        if (string.IsNullOrWhiteSpace(channel.Name))
            Fail($"{path}.Name must not be empty.");
        CheckShare(channel.Share, $"{path}.Share");
        CheckPositive(channel.R, $"{path}.R");
        CheckPositive(channel.Alpha, $"{path}.Alpha");
        CheckPositive(channel.A, $"{path}.A");
        CheckPositive(channel.B, $"{path}.B");
        CheckPositive(channel.P, $"{path}.P");
        CheckPositive(channel.Q, $"{path}.Q");
        CheckPositive(channel.Gamma, $"{path}.Gamma");
    }

    private static void CheckPositive(double value, string path)
    {
        if (!(value > 0 && double.IsFinite(value)))
            Fail($"{path} must be a positive finite number; got {Num(value)}.");
    }

    private static void CheckShare(double value, string path)
    {
        if (!(value >= 0 && value <= 1))
            Fail($"{path} must be in [0, 1]; got {Num(value)}.");
    }

    private static void CheckShares(IEnumerable<double> shares, string path)
    {
        // Shares written as decimals (0.35, 0.25, ...) rarely sum to exactly 1 in binary.
        var sum = shares.Sum();
        if (Math.Abs(sum - 1) > 1e-6)
            Fail($"{path}: the shares must sum to 1; they sum to {Num(sum)}.");
    }

    private static void CheckUnique(IEnumerable<string> names, string path, string property)
    {
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            Fail($"{path}: {property} '{duplicate.Key}' appears more than once.");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string message) =>
        throw new ArgumentException($"SampleOptions.{message}", "options");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static T Fail<T>(string message) =>
        throw new ArgumentException($"SampleOptions.{message}", "options");
}
