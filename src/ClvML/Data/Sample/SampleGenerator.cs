using MathNet.Numerics.Distributions;
using GammaDistribution = MathNet.Numerics.Distributions.Gamma;

namespace ClvML.Data.Sample;

/// <summary>
/// The built-in synthetic transaction log: customers drawn from BG/NBD purchase behaviour and
/// Gamma-Gamma spend, per acquisition channel, with a little realistic noise (returns and
/// malformed rows). Because the truth is known (<see cref="Truth"/>), model fits can be tested
/// against it.
/// </summary>
/// <remarks>
/// <para>The generative model, for customer <c>i = 0 .. Customers - 1</c> in order:</para>
/// <list type="number">
/// <item>channel <c>k ~ Categorical(Channels[].Share)</c>; country <c>~ Categorical(Countries[].Share)</c>,
/// independent of the channel;</item>
/// <item>acquisition day <c>d0 ~ Uniform{Start .. AcquisitionEnd}</c> (whole days), and the first
/// purchase at time <c>t0 = d0 + u</c> days, <c>u ~ Uniform[0, 1)</c> (the time of day);</item>
/// <item>BG/NBD (Fader, Hardie &amp; Lee 2005, Marketing Science 24(2), section 2):
/// <c>lambda ~ Gamma(shape r, rate alpha)</c> purchases per <b>week</b>; <c>p ~ Beta(a, b)</c>;
/// Gamma-Gamma (Fader &amp; Hardie 2013): <c>nu ~ Gamma(shape q, rate gamma)</c>;</item>
/// <item>at each purchase (the first included) the amount is <c>z ~ Gamma(shape p, rate nu)</c>
/// rounded to cents (at least 0.01); after each repeat purchase the customer drops out with
/// probability <c>p</c> (BG/NBD's customer is alive at time 0: <c>P(X(t) = 0) = exp(-lambda t)</c>;
/// with <c>DropoutAfterFirstPurchase</c> the first purchase may end it too, as in MBG/NBD,
/// Batislam, Denizel &amp; Filiztekin 2007); while alive, the next purchase comes
/// <c>Exponential(lambda)</c> weeks later;</item>
/// <item>purchases happen at fractional times and are dated by the day that contains them
/// (several may share a day); the process stops at the end of <c>End</c>: a customer who has
/// not dropped out by then is alive at the end.</item>
/// </list>
/// <para>Noise, drawn from a second random stream so the true purchases do not depend on it:
/// each purchase is returned with probability <c>ReturnRate</c> after <c>Uniform{1 .. 30}</c> days,
/// the whole amount or (equally likely) <c>round(amount * Uniform(0, 1))</c> but at least 0.01,
/// written only when dated on or before <c>End</c>; each purchase or return row is followed with
/// probability <c>MalformedRate</c> by one extra malformed row (same customer and day) of one of the
/// five <see cref="SampleSummary.MalformedReasons"/>, equally likely.</para>
/// <para>CSV columns are <c>customer_id,date,amount,order_id,channel,country</c>: ids <c>C0000001</c>
/// (customer index + 1); dates <c>yyyy-MM-dd</c>; amounts with two decimals, negative for returns;
/// order ids <c>O00000001</c> numbered in file order, a return carrying <c>R</c> + its purchase's
/// order id and a malformed row its own <c>M00000001</c>. Rows are ordered by date, then time of
/// day, then generation order, like an order log. The same options give byte-identical output
/// (on the same runtime), and the first customers do not change when more are drawn.</para>
/// </remarks>
public static class SampleGenerator
{
    /// <summary>The CSV header line (without its line break).</summary>
    public const string CsvHeader = "customer_id,date,amount,order_id,channel,country";

    /// <summary>Writes the transaction log as CSV: invariant culture, <c>\n</c> line endings, header first.</summary>
    /// <returns>The rows written, by kind.</returns>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static SampleSummary WriteCsv(SampleOptions options, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(writer);
        options.Validate();
        var (truth, rows) = Simulate(options);
        SampleCsvWriter.Write(truth, rows, writer);
        return truth.Summary;
    }

    /// <summary>
    /// Writes the transaction log as a Parquet file (atomically): the CSV's columns typed, customer_id
    /// as text or, with <paramref name="numericCustomerIds"/>, as INT64 (the number in <c>C0000001</c>);
    /// date DATE; amount DOUBLE; order_id, channel and country text. Only purchases and returns are
    /// written: the malformed rows have no typed form (<see cref="SampleSummary.MalformedRows"/> counts
    /// those the CSV would hold).
    /// </summary>
    /// <returns>The rows drawn, by kind.</returns>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static SampleSummary WriteParquet(SampleOptions options, string path, bool numericCustomerIds = false,
        Parquet.Writing.ParquetWriterOptions? parquet = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(path);
        options.Validate();
        var (truth, rows) = Simulate(options);
        SampleParquetWriter.Write(truth, rows, path, numericCustomerIds, parquet);
        return truth.Summary;
    }

    /// <summary>The truth behind the log <see cref="WriteCsv"/> writes for the same options, and its row counts.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static SampleTruth Truth(SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Simulate(options).Truth;
    }

    /// <summary>Draws everything; the options are valid.</summary>
    internal static (SampleTruth Truth, SampleRowBuffer Rows) Simulate(SampleOptions options)
    {
        var process = new Random(StreamSeed(options.Seed, 1));
        var noise = new Random(StreamSeed(options.Seed, 2));
        var customers = options.Customers;
        var acquisitionDays = options.AcquisitionEnd.DayNumber - options.Start.DayNumber + 1;
        double endExclusive = options.End.DayNumber - options.Start.DayNumber + 1;
        var channelCdf = Cumulative(options.Channels.Select(c => c.Share));
        var countryCdf = Cumulative(options.Countries.Select(c => c.Share));

        var channel = new byte[customers];
        var country = new byte[customers];
        var acquisitionDay = new int[customers];
        var lambda = new double[customers];
        var dropout = new double[customers];
        var nu = new double[customers];
        var alive = new bool[customers];
        var offsets = new int[customers + 1];
        // The default channels give about 2.9 purchases and 3.0 rows per customer; sized so that
        // they never regrow, which would briefly hold the old and the new array.
        var purchases = new List<SamplePurchase>(customers * 3);
        var rows = new SampleRowBuffer((int)Math.Min(Array.MaxLength, customers * 3.25));
        var malformed = new long[SampleSummary.MalformedReasons.Count];
        long returns = 0, returnsAfterEnd = 0;

        for (var i = 0; i < customers; i++)
        {
            var k = Categorical.SampleWithCumulativeDistribution(process, channelCdf);
            var ch = options.Channels[k];
            channel[i] = (byte)k;
            country[i] = (byte)Categorical.SampleWithCumulativeDistribution(process, countryCdf);
            acquisitionDay[i] = process.Next(acquisitionDays);
            lambda[i] = GammaDistribution.Sample(process, ch.R, ch.Alpha);
            dropout[i] = Beta.Sample(process, ch.A, ch.B);
            nu[i] = GammaDistribution.Sample(process, ch.Q, ch.Gamma);
            var ratePerDay = lambda[i] / 7;
            var time = acquisitionDay[i] + process.NextDouble();
            while (true)
            {
                var cents = ToCents(GammaDistribution.Sample(process, ch.P, nu[i]));
                var index = purchases.Count;
                var day = (int)time;
                rows.Add(day, time - day, index, SampleRowKind.Purchase);
                MaybeMalformed(day, time - day, index);
                var (returnDay, returnedCents) = (-1, 0L);
                if (noise.NextDouble() < options.ReturnRate)
                {
                    var candidateDay = day + noise.Next(1, 31);
                    var whole = noise.NextDouble() < 0.5;
                    var part = Math.Clamp((long)Math.Round(cents * noise.NextDouble()), 1, cents);
                    var timeOfDay = noise.NextDouble();
                    if (candidateDay < endExclusive)
                    {
                        (returnDay, returnedCents) = (candidateDay, whole ? cents : part);
                        returns++;
                        rows.Add(returnDay, timeOfDay, index, SampleRowKind.Return);
                        MaybeMalformed(returnDay, timeOfDay, index);
                    }
                    else returnsAfterEnd++;
                }
                purchases.Add(new SamplePurchase(i, time, cents, returnDay, returnedCents));
                var repeat = index > offsets[i];
                if ((repeat || options.DropoutAfterFirstPurchase) && process.NextDouble() < dropout[i])
                    break;
                time += Exponential.Sample(process, ratePerDay);
                // Negated so that an infinite gap (a rate that underflowed to 0) also ends the loop.
                if (!(time < endExclusive))
                {
                    alive[i] = true;
                    break;
                }
            }
            offsets[i + 1] = purchases.Count;
        }

        var summary = new SampleSummary(purchases.Count, returns, returnsAfterEnd,
            SampleSummary.MalformedReasons.Select((reason, j) => (reason, j)).ToDictionary(x => x.reason, x => malformed[x.j]));
        var truth = new SampleTruth(options, channel, country, acquisitionDay, lambda, dropout, nu, alive, offsets, purchases, summary);
        return (truth, rows);

        void MaybeMalformed(int day, double timeOfDay, int purchase)
        {
            if (!(noise.NextDouble() < options.MalformedRate)) return;
            var kind = noise.Next(malformed.Length);
            malformed[kind]++;
            // Same day and time slot, generated later: the garbled row lands right after its source.
            rows.Add(day, timeOfDay, purchase, (SampleRowKind)((int)SampleRowKind.MissingCustomerId + kind));
        }
    }

    // Amounts above ten billion only come from degenerate spend parameters; capping them keeps
    // the cents in a long and the CSV readable.
    private const double MaxCents = 1e12;

    private static long ToCents(double amount)
    {
        var cents = Math.Round(amount * 100);
        return cents >= 1 ? (long)Math.Min(cents, MaxCents) : 1;
    }

    private static double[] Cumulative(IEnumerable<double> shares)
    {
        var cdf = shares.ToArray();
        for (var i = 1; i < cdf.Length; i++) cdf[i] += cdf[i - 1];
        return cdf;
    }

    /// <summary>
    /// A seed for one of the generator's independent random streams (SplitMix64's finaliser over
    /// the user's seed and the stream number). <see cref="Random"/>'s seeded algorithm is fixed
    /// across .NET versions, which makes the output reproducible.
    /// </summary>
    private static int StreamSeed(int seed, ulong stream)
    {
        var z = (ulong)(uint)seed + stream * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
