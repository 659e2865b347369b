using System.Globalization;
using ClvML.Data;
using ClvML.Data.Sample;
using Xunit;

namespace ClvML.Tests.Data;

/// <summary>The default 20,000-customer sample, generated and parsed once for the tests that only read it.</summary>
public sealed class DefaultSample
{
    public DefaultSample()
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        SampleGenerator.WriteCsv(Options, writer);
        Csv = writer.ToString();
        Truth = SampleGenerator.Truth(Options);
        Lines = Csv.Split('\n');
    }

    public SampleOptions Options { get; } = new();
    public string Csv { get; }
    public SampleTruth Truth { get; }
    /// <summary>Header, data rows, and the empty string after the final line break.</summary>
    public string[] Lines { get; }
    public IEnumerable<string[]> Rows => Lines.Skip(1).SkipLast(1).Select(l => l.Split(','));
}

public sealed class SampleGeneratorTests(DefaultSample sample) : IClassFixture<DefaultSample>
{
    // Four standard errors: a false alarm about once in 16,000 runs per assertion, and the seed is fixed anyway.
    private const double Tolerance = 4;

    private static string Csv(SampleOptions options)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        SampleGenerator.WriteCsv(options, writer);
        return writer.ToString();
    }

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static bool IsTrueRow(string[] f) => f.Length == 6 && (f[3].StartsWith('O') || f[3].StartsWith("RO", StringComparison.Ordinal));

    [Fact]
    public void SameSeed_GivesByteIdenticalCsv()
    {
        var options = new SampleOptions { Customers = 2_000 };
        Assert.Equal(Csv(options), Csv(options));
        Assert.Equal(sample.Csv, Csv(new SampleOptions()));
    }

    [Fact]
    public void DifferentSeed_GivesDifferentData()
    {
        var a = Csv(new SampleOptions { Customers = 2_000, Seed = 1 });
        var b = Csv(new SampleOptions { Customers = 2_000, Seed = 2 });
        Assert.NotEqual(a, b);
        Assert.NotEqual(a.Split('\n')[1..20], b.Split('\n')[1..20]);
    }

    [Fact]
    public void Csv_HasHeaderLineFeedsAndSixFieldsExceptWrongFieldCountRows()
    {
        Assert.Equal("customer_id,date,amount,order_id,channel,country", sample.Lines[0]);
        Assert.DoesNotContain('\r', sample.Csv);
        Assert.Equal("", sample.Lines[^1]);
        var rows = sample.Rows.ToList();
        Assert.Equal(sample.Truth.Summary.Rows, rows.Count);
        Assert.Equal(sample.Truth.Summary.Malformed[RejectReason.WrongFieldCount], rows.Count(f => f.Length != 6));
        Assert.All(rows, f => Assert.True(f.Length == 6 || f.Length == 5, string.Join(",", f)));
    }

    [Fact]
    public void Rows_AreOrderedByDateWithinStartAndEnd()
    {
        var previous = DateOnly.MinValue;
        foreach (var f in sample.Rows)
        {
            if (ParseDate(f[1]) is not { } date) continue;
            Assert.InRange(date, sample.Options.Start, sample.Options.End);
            Assert.True(date >= previous, $"{date} after {previous}");
            previous = date;
        }
    }

    [Fact]
    public void PurchaseRows_AreTheTruePurchases_FirstOnAcquisitionDate()
    {
        var truth = sample.Truth;
        var byCustomer = new List<(DateOnly Date, decimal Amount)>[truth.CustomerCount];
        foreach (var f in sample.Rows.Where(f => IsTrueRow(f) && f[3].StartsWith('O')))
        {
            var index = truth.IndexOf(f[0]);
            Assert.True(index >= 0, f[0]);
            (byCustomer[index] ??= []).Add((ParseDate(f[1])!.Value, decimal.Parse(f[2], CultureInfo.InvariantCulture)));
        }
        for (var i = 0; i < truth.CustomerCount; i++)
        {
            var customer = truth.Customer(i);
            var expected = truth.Purchases(i).ToArray().Select(p => (truth.Date(p.Day), p.Amount)).ToList();
            Assert.Equal(expected, byCustomer[i]);
            Assert.Equal(customer.AcquisitionDate, byCustomer[i][0].Date);
            Assert.Equal(customer.PurchaseCount, byCustomer[i].Count);
            Assert.Equal(truth.CustomerId(i), customer.Id);
            Assert.Equal(sample.Options.Channels[truth.ChannelIndex(i)].Name, customer.Channel);
        }
    }

    [Fact]
    public void Returns_FollowAnEarlierPurchaseOfTheSameCustomer()
    {
        var purchases = new Dictionary<string, (string Customer, DateOnly Date, decimal Amount)>();
        var returns = 0;
        foreach (var f in sample.Rows.Where(IsTrueRow))
        {
            var date = ParseDate(f[1])!.Value;
            var amount = decimal.Parse(f[2], CultureInfo.InvariantCulture);
            if (f[3].StartsWith('O'))
            {
                Assert.True(amount > 0);
                purchases.Add(f[3], (f[0], date, amount));
                continue;
            }
            returns++;
            Assert.True(purchases.TryGetValue(f[3][1..], out var purchase), $"{f[3]} returns an order not seen before");
            Assert.Equal(purchase.Customer, f[0]);
            Assert.InRange(date.DayNumber - purchase.Date.DayNumber, 1, 30);
            Assert.InRange(amount, -purchase.Amount, -0.01m);
        }
        Assert.Equal(sample.Truth.Summary.Returns, returns);
        Assert.Equal(sample.Truth.Summary.Purchases, purchases.Count);
        var expected = sample.Truth.Summary.Purchases * sample.Options.ReturnRate;
        Assert.InRange(returns + sample.Truth.Summary.ReturnsAfterEnd, expected - Tolerance * Math.Sqrt(expected), expected + Tolerance * Math.Sqrt(expected));
    }

    [Fact]
    public void MalformedRows_AreRejectedForExactlyTheSummarisedReasons()
    {
        var found = SampleSummary.MalformedReasons.ToDictionary(r => r, _ => 0L);
        var orderIds = new HashSet<string>();
        foreach (var f in sample.Rows)
        {
            Assert.True(orderIds.Add(f[3]), $"order id {f[3]} repeated");
            var reasons = new List<RejectReason>();
            if (f.Length != 6) reasons.Add(RejectReason.WrongFieldCount);
            if (f[0].Length == 0) reasons.Add(RejectReason.MissingCustomerId);
            if (ParseDate(f[1]) is null) reasons.Add(RejectReason.UnparseableTimestamp);
            if (!double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)) reasons.Add(RejectReason.BadAmount);
            else if (!double.IsFinite(amount)) reasons.Add(RejectReason.NonFiniteAmount);
            Assert.True(reasons.Count <= 1, $"{string.Join(",", f)} is malformed in more than one way");
            if (reasons.Count == 1)
            {
                Assert.StartsWith("M", f[3]);
                found[reasons[0]]++;
            }
        }
        Assert.Equal(sample.Truth.Summary.Malformed, found);
        Assert.All(found.Values, count => Assert.True(count > 0));
        var expected = (sample.Truth.Summary.Purchases + sample.Truth.Summary.Returns) * sample.Options.MalformedRate;
        Assert.InRange(sample.Truth.Summary.MalformedRows, expected - Tolerance * Math.Sqrt(expected), expected + Tolerance * Math.Sqrt(expected));
    }

    [Fact]
    public void ChannelAndCountryShares_MatchTheConfiguredShares()
    {
        var truth = sample.Truth;
        var n = truth.CustomerCount;
        for (var k = 0; k < sample.Options.Channels.Count; k++)
        {
            var share = sample.Options.Channels[k].Share;
            var observed = Enumerable.Range(0, n).Count(i => truth.ChannelIndex(i) == k) / (double)n;
            Assert.InRange(observed, share - Tolerance * Math.Sqrt(share * (1 - share) / n), share + Tolerance * Math.Sqrt(share * (1 - share) / n));
        }
        for (var k = 0; k < sample.Options.Countries.Count; k++)
        {
            var share = sample.Options.Countries[k].Share;
            var observed = Enumerable.Range(0, n).Count(i => truth.CountryIndex(i) == k) / (double)n;
            Assert.InRange(observed, share - Tolerance * Math.Sqrt(share * (1 - share) / n), share + Tolerance * Math.Sqrt(share * (1 - share) / n));
        }
    }

    private static readonly SampleChannel RepeatBuyers = new("only", 1, R: 0.5, Alpha: 4, A: 2, B: 3, P: 6, Q: 4, Gamma: 15);
    private const double WindowWeeks = 26;

    [Fact]
    public void RepeatPurchases_MatchTheBgNbdExpectation()
    {
        // Fader, Hardie & Lee (2005), eq. 9: E[X(t)] = (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))], a > 1.
        var (r, alpha, a, b, t) = (RepeatBuyers.R, RepeatBuyers.Alpha, RepeatBuyers.A, RepeatBuyers.B, WindowWeeks);
        var expected = (a + b - 1) / (a - 1) * (1 - Math.Pow(alpha / (alpha + t), r) * Hypergeometric2F1(r, b, a + b - 1, t / (alpha + t)));
        var (mean, standardError) = RepeatPurchasesInWindow(new SampleOptions { Customers = 20_000, Channels = [RepeatBuyers], Seed = 7 });
        Assert.InRange(mean, expected - Tolerance * standardError, expected + Tolerance * standardError);
    }

    [Fact]
    public void RepeatPurchases_WithDropoutAfterFirstPurchase_MatchTheMbgNbdExpectation()
    {
        // Batislam, Denizel & Filiztekin (2007): E[X(t)] = b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))], a > 1.
        var (r, alpha, a, b, t) = (RepeatBuyers.R, RepeatBuyers.Alpha, RepeatBuyers.A, RepeatBuyers.B, WindowWeeks);
        var expected = b / (a - 1) * (1 - Math.Pow(alpha / (alpha + t), r) * Hypergeometric2F1(r, b + 1, a + b, t / (alpha + t)));
        var (mean, standardError) = RepeatPurchasesInWindow(
            new SampleOptions { Customers = 20_000, Channels = [RepeatBuyers], Seed = 7, DropoutAfterFirstPurchase = true });
        Assert.InRange(mean, expected - Tolerance * standardError, expected + Tolerance * standardError);
    }

    /// <summary>Mean and standard error of the repeat purchases in (t0, t0 + 26 weeks], t0 the first purchase.</summary>
    private static (double Mean, double StandardError) RepeatPurchasesInWindow(SampleOptions options)
    {
        var truth = SampleGenerator.Truth(options);
        var counts = new double[truth.CustomerCount];
        for (var i = 0; i < counts.Length; i++)
        {
            var purchases = truth.Purchases(i);
            var first = purchases[0].Time;
            // Every customer is observed for the whole window: acquisition ends six months before End.
            Assert.True(first + 7 * WindowWeeks <= truth.Day(truth.Options.End) + 1);
            foreach (var p in purchases[1..])
                if (p.Time - first <= 7 * WindowWeeks) counts[i]++;
        }
        var mean = counts.Average();
        return (mean, Math.Sqrt(counts.Sum(x => (x - mean) * (x - mean)) / (counts.Length - 1) / counts.Length));
    }

    /// <summary>The Gauss series; converges for |z| &lt; 1.</summary>
    private static double Hypergeometric2F1(double a, double b, double c, double z)
    {
        double sum = 1, term = 1;
        for (var k = 0; k < 100_000 && Math.Abs(term) > 1e-16 * Math.Abs(sum); k++)
        {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
        }
        return sum;
    }

    [Fact]
    public void FirstPurchaseSpend_MatchesTheGammaGammaMean()
    {
        // Fader & Hardie (2013): E[z] = p * E[1/nu] = p * gamma / (q - 1). First purchases are one independent draw per customer.
        var truth = sample.Truth;
        for (var k = 0; k < sample.Options.Channels.Count; k++)
        {
            var amounts = Enumerable.Range(0, truth.CustomerCount).Where(i => truth.ChannelIndex(i) == k)
                .Select(i => (double)truth.Purchases(i)[0].Amount).ToArray();
            var mean = amounts.Average();
            var standardError = Math.Sqrt(amounts.Sum(x => (x - mean) * (x - mean)) / (amounts.Length - 1) / amounts.Length);
            var expected = sample.Options.Channels[k].MeanSpend;
            Assert.InRange(mean, expected - Tolerance * standardError, expected + Tolerance * standardError);
        }
    }

    [Fact]
    public void NoiseRates_DoNotChangeTheTruePurchases()
    {
        var options = new SampleOptions { Customers = 3_000 };
        var noisy = SampleGenerator.Truth(options);
        var clean = SampleGenerator.Truth(options with { ReturnRate = 0, MalformedRate = 0 });
        Assert.Equal(0, clean.Summary.Returns);
        Assert.Equal(0, clean.Summary.MalformedRows);
        Assert.True(noisy.Summary.Returns > 0);
        Assert.Equal(
            noisy.AllPurchases.ToArray().Select(p => (p.Customer, p.Time, p.AmountCents)),
            clean.AllPurchases.ToArray().Select(p => (p.Customer, p.Time, p.AmountCents)));
    }

    [Fact]
    public void MoreCustomers_KeepTheFirstCustomersUnchanged()
    {
        var small = SampleGenerator.Truth(new SampleOptions { Customers = 1_000 });
        for (var i = 0; i < small.CustomerCount; i++)
        {
            Assert.Equal(small.Customer(i), sample.Truth.Customer(i));
            Assert.Equal(small.Purchases(i).ToArray(), sample.Truth.Purchases(i).ToArray());
        }
    }

    [Fact]
    public void WindowQueries_AgreeWithThePurchaseList()
    {
        var truth = sample.Truth;
        var (first, last) = (new DateOnly(2024, 7, 1), new DateOnly(2024, 12, 31));
        for (var i = 0; i < 500; i++)
        {
            var inWindow = truth.Purchases(i).ToArray().Where(p => truth.Date(p.Day) >= first && truth.Date(p.Day) <= last).ToList();
            Assert.Equal(inWindow.Count, truth.PurchaseCount(i, first, last));
            Assert.Equal(inWindow.Sum(p => p.Amount), truth.Spend(i, first, last));
            Assert.Equal(i, truth.IndexOf(truth.CustomerId(i)));
        }
        Assert.Equal("C0000001", truth.CustomerId(0));
        Assert.Equal(-1, truth.IndexOf("C9999999"));
        Assert.Equal(-1, truth.IndexOf("X0000001"));
        var allTime = Enumerable.Range(0, truth.CustomerCount).Sum(i => truth.Returned(i, truth.Options.Start, truth.Options.End));
        Assert.Equal(truth.AllPurchases.ToArray().Sum(p => p.ReturnedAmount), allTime);
        Assert.Equal(truth.Summary.Returns, truth.AllPurchases.ToArray().Count(p => p.IsReturned));
    }

    public static TheoryData<string> InvalidOptionNames => new(Invalid.Keys);

    private static readonly Dictionary<string, SampleOptions> Invalid = new()
    {
        ["Customers must be between"] = new() { Customers = 0 },
        ["AcquisitionEnd (2023-12-31) must not be before Start"] = new() { AcquisitionEnd = new(2023, 12, 31) },
        ["End (2025-06-29) must not be before AcquisitionEnd"] = new() { End = new(2025, 6, 29) },
        ["Channels must hold at least one"] = new() { Channels = [] },
        ["Channels[1].Share must be in [0, 1]"] = new() { Channels = [.. SampleOptions.DefaultChannels.Select((c, i) => i == 1 ? c with { Share = -0.3 } : c)] },
        ["Channels: the shares must sum to 1"] = new() { Channels = [.. SampleOptions.DefaultChannels.Select(c => c with { Share = 0.4 })] },
        ["Channels[0].Alpha must be a positive finite number"] = new() { Channels = [.. SampleOptions.DefaultChannels.Select((c, i) => i == 0 ? c with { Alpha = 0 } : c)] },
        ["Channels[2].Q must be a positive finite number; got NaN"] = new() { Channels = [.. SampleOptions.DefaultChannels.Select((c, i) => i == 2 ? c with { Q = double.NaN } : c)] },
        ["Channels: Name 'organic' appears more than once"] = new() { Channels = [.. SampleOptions.DefaultChannels.Select(c => c with { Name = "organic" })] },
        ["Countries[0].Code must not be empty"] = new() { Countries = [new("", 1)] },
        ["Countries: the shares must sum to 1"] = new() { Countries = [new("GB", 0.5)] },
        ["ReturnRate must be a probability"] = new() { ReturnRate = 1.5 },
        ["MalformedRate must be a probability"] = new() { MalformedRate = -0.1 },
    };

    [Theory]
    [MemberData(nameof(InvalidOptionNames))]
    public void InvalidOptions_ThrowArgumentExceptionNamingTheOption(string expected)
    {
        var options = Invalid[expected];
        var fromTruth = Assert.Throws<ArgumentException>(() => SampleGenerator.Truth(options));
        Assert.Contains("SampleOptions." + expected, fromTruth.Message);
        Assert.Equal("options", fromTruth.ParamName);
        var fromCsv = Assert.Throws<ArgumentException>(() => SampleGenerator.WriteCsv(options, TextWriter.Null));
        Assert.Equal(fromTruth.Message, fromCsv.Message);
    }
}
