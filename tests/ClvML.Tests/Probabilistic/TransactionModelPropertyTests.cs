using ClvML.Persistence;
using ClvML.Probabilistic;

namespace ClvML.Tests.Probabilistic;

/// <summary>
/// Properties every transaction model must have (the list): P(alive) in [0, 1] (= 1 for x = 0 in
/// BG/NBD), expected purchases non-decreasing in t, P(N(t) = n) summing to 1 with mean E[X(t)],
/// compressed fit = uncompressed fit, save/load round trip with identical predictions.
/// </summary>
public sealed class TransactionModelPropertyTests
{
    public static TheoryData<string> ContinuousModels => ["bgnbd", "mbgnbd", "pareto_nbd"];

    private static ITransactionModel Model(string name) => name switch
    {
        "bgnbd" => new BgNbdModel(0.243, 4.414, 0.793, 2.426),
        "mbgnbd" => new ModifiedBgNbdModel(0.525, 6.183, 0.891, 1.614),
        "pareto_nbd" => new ParetoNbdModel(0.553, 10.578, 0.606, 11.669),
        _ => new BgBbModel(1.204, 0.750, 0.657, 2.783),
    };

    [Theory]
    [MemberData(nameof(ContinuousModels))]
    public void Probabilities_of_purchase_counts_sum_to_one_and_their_mean_is_the_expectation(string name)
    {
        var model = Model(name);
        foreach (var t in new[] { 1.0, 39, 78 })
        {
            var p = Enumerable.Range(0, 400).Select(n => model.ProbabilityOfPurchases(n, t)).ToArray();
            Assert.All(p, v => Assert.InRange(v, 0, 1));
            Assert.Equal(1.0, p.Sum(), 1e-9);
            Assert.Equal(model.ExpectedPurchases(t), p.Select((v, n) => v * n).Sum(), 1e-7);
        }
    }

    [Theory]
    [MemberData(nameof(ContinuousModels))]
    public void Predictions_are_probabilities_and_non_decreasing_in_t(string name)
    {
        var model = Model(name);
        var previous = 0.0;
        for (var t = 0.0; t <= 200; t += 2.5)
        {
            var e = model.ExpectedPurchases(t);
            Assert.True(e >= previous - 1e-12, $"E[X({t})] = {e} < {previous}");
            previous = e;
        }
        foreach (var (x, tx, T) in new[] { (0.0, 0.0, 38.86), (1, 2, 38.86), (2, 30.43, 38.86), (10, 38, 39), (26, 30.86, 31), (300, 38.5, 39), (0, 0, 0) })
        {
            var alive = model.ProbabilityAlive(x, tx, T);
            Assert.InRange(alive, 0, 1);
            if (name == "bgnbd" && x == 0) Assert.Equal(1.0, alive);
            var last = 0.0;
            foreach (var t in new[] { 0.0, 1, 5, 39, 78, 520 })
            {
                var c = model.ConditionalExpectedPurchases(t, x, tx, T);
                Assert.True(double.IsFinite(c) && c >= last - 1e-9, $"{name} x={x}: E[Y({t})] = {c} after {last}");
                last = c;
            }
        }
    }

    [Theory]
    [MemberData(nameof(ContinuousModels))]
    public void Expectations_at_many_horizons_at_once_equal_the_one_at_a_time_values(string name)
    {
        var model = Model(name);
        double[] horizons = [0, 4.345, 8.69, 13.035, 26.07, 52.14, 104.28, 520];
        var batch = new double[horizons.Length];
        foreach (var (x, tx, T) in new[] { (0.0, 0.0, 38.86), (1, 2, 38.86), (2, 30.43, 38.86), (26, 30.86, 31), (300, 38.5, 39), (0, 0, 0) })
        {
            model.ConditionalExpectedPurchases(horizons, x, tx, T, batch);
            for (var m = 0; m < horizons.Length; m++)
            {
                var one = model.ConditionalExpectedPurchases(horizons[m], x, tx, T);
                Assert.True(Math.Abs(batch[m] - one) <= 1e-12 * Math.Max(1, one), $"{name} x={x} t={horizons[m]}: {batch[m]:R} vs {one:R}");
            }
        }
    }

    [Fact]
    public void Bgbb_probabilities_sum_to_one()
    {
        var model = Model("bgbb");
        foreach (var n in new[] { 1, 6, 20 })
            Assert.Equal(1.0, Enumerable.Range(0, n + 1).Sum(k => model.ProbabilityOfPurchases(k, n)), 1e-9);
        Assert.InRange(model.ProbabilityAlive(2, 3, 6), 0, 1);
    }

    [Fact]
    public void Compressed_and_uncompressed_fits_are_the_same()
    {
        var truth = new BgNbdModel(0.5, 6, 0.8, 2.5);
        var ages = Enumerable.Range(0, 6000).Select(i => 20 + (i % 20)).Select(d => (double)d).ToArray();
        var data = truth.Simulate(ages, seed: 3, period: 1.0);
        var compressed = new BgNbd().Fit(data.Frequency, data.Recency, data.T);
        var plain = new BgNbd(new BgNbdOptions { Compress = false }).Fit(data.Frequency, data.Recency, data.T);
        Assert.True(compressed.Diagnostics!.Rows < plain.Diagnostics!.Rows, $"{compressed.Diagnostics.Rows} rows vs {plain.Diagnostics.Rows}");
        Assert.Equal(plain.Diagnostics.LogLikelihood, compressed.Diagnostics.LogLikelihood, 1e-6);
        Assert.Equal(plain.R, compressed.R, 1e-6);
        Assert.Equal(plain.Alpha, compressed.Alpha, 1e-5);
        Assert.Equal(plain.A, compressed.A, 1e-6);
        Assert.Equal(plain.B, compressed.B, 1e-5);
        var pareto = new ParetoNbd().Fit(data.Frequency, data.Recency, data.T);
        var paretoPlain = new ParetoNbd(new ParetoNbdOptions { Compress = false }).Fit(data.Frequency, data.Recency, data.T);
        Assert.Equal(paretoPlain.Diagnostics!.LogLikelihood, pareto.Diagnostics!.LogLikelihood, 1e-6);
        Assert.Equal(paretoPlain.S, pareto.S, 1e-5);
    }

    [Fact]
    public void Bgnbd_recovers_simulated_parameters()
    {
        var truth = new BgNbdModel(0.5, 6, 0.8, 2.5);
        var ages = Enumerable.Range(0, 40_000).Select(i => 30.0 + (i % 40)).ToArray();
        var data = truth.Simulate(ages, seed: 1);
        var model = new BgNbd().Fit(data.Frequency, data.Recency, data.T);
        AssertRecovered(truth.Parameters, model.Parameters, model.StandardErrors!);
    }

    [Fact]
    public void Mbgnbd_recovers_simulated_parameters()
    {
        var truth = new ModifiedBgNbdModel(0.5, 6, 1.2, 3);
        var ages = Enumerable.Range(0, 40_000).Select(i => 30.0 + (i % 40)).ToArray();
        var data = truth.Simulate(ages, seed: 2);
        var model = new ModifiedBgNbd().Fit(data.Frequency, data.Recency, data.T);
        AssertRecovered(truth.Parameters, model.Parameters, model.StandardErrors!);
    }

    [Fact]
    public void Pareto_nbd_recovers_simulated_parameters()
    {
        var truth = new ParetoNbdModel(0.55, 10.5, 0.6, 11.7);
        var ages = Enumerable.Range(0, 40_000).Select(i => 30.0 + (i % 40)).ToArray();
        var data = truth.Simulate(ages, seed: 4);
        var model = new ParetoNbd().Fit(data.Frequency, data.Recency, data.T);
        AssertRecovered(truth.Parameters, model.Parameters, model.StandardErrors!);
    }

    /// <summary>Each estimate within 4 standard errors of the truth (a chance failure has probability below 1e-4 per parameter).</summary>
    private static void AssertRecovered(IReadOnlyList<KeyValuePair<string, double>> truth, IReadOnlyList<KeyValuePair<string, double>> fitted,
        IReadOnlyDictionary<string, double> errors)
    {
        for (var i = 0; i < truth.Count; i++)
        {
            var (name, value) = truth[i];
            var se = errors[name];
            Assert.True(se > 0, $"{name}: standard error {se}");
            Assert.True(Math.Abs(fitted[i].Value - value) <= 4 * se, $"{name}: fitted {fitted[i].Value}, truth {value}, se {se}");
        }
    }

    [Theory]
    [InlineData("bgnbd")]
    [InlineData("mbgnbd")]
    [InlineData("pareto_nbd")]
    [InlineData("bgbb")]
    public void Saved_models_load_back_to_identical_predictions(string name)
    {
        ITransactionModel model;
        if (name == "bgbb")
        {
            var (x, tx, n, w) = BgBbTests.Donations();
            model = new BgBb().Fit(x, tx, n, w);
        }
        else
        {
            var truth = Model(name);
            var ages = Enumerable.Range(0, 3000).Select(i => 20.0 + (i % 20) / 7.0).ToArray();
            var data = truth switch
            {
                BgNbdModel m => m.Simulate(ages, 9),
                ModifiedBgNbdModel m => m.Simulate(ages, 9),
                ParetoNbdModel m => m.Simulate(ages, 9),
                _ => throw new InvalidOperationException(),
            };
            model = name switch
            {
                "bgnbd" => new BgNbd().Fit(data.Frequency, data.Recency, data.T),
                "mbgnbd" => new ModifiedBgNbd().Fit(data.Frequency, data.Recency, data.T),
                _ => new ParetoNbd().Fit(data.Frequency, data.Recency, data.T),
            };
        }
        var path = Path.Combine(Path.GetTempPath(), $"clvml-{Guid.NewGuid():N}.json");
        try
        {
            ProbabilisticModelFile.Save(model, path);
            var loaded = Assert.IsAssignableFrom<ITransactionModel>(ProbabilisticModelFile.Load(path));
            Assert.Equal(model.Parameters, loaded.Parameters);
            Assert.Equal(model.Diagnostics, loaded.Diagnostics);
            Assert.Equal(model.StandardErrors!.OrderBy(e => e.Key), loaded.StandardErrors!.OrderBy(e => e.Key));
            foreach (var (x, tx, T) in new[] { (0.0, 0.0, 6.0), (2, 3, 6), (5, 6, 6) })
            {
                Assert.Equal(model.ProbabilityAlive(x, tx, T), loaded.ProbabilityAlive(x, tx, T));
                Assert.Equal(model.ConditionalExpectedPurchases(4, x, tx, T), loaded.ConditionalExpectedPurchases(4, x, tx, T));
            }
            Assert.Equal(model.ExpectedPurchases(6), loaded.ExpectedPurchases(6));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Saved_gamma_gamma_model_loads_back_with_its_correlation()
    {
        var truth = new GammaGammaModel(6, 4, 15);
        double[] frequency = [.. Enumerable.Range(0, 2000).Select(i => 1.0 + i % 7)];
        var model = new GammaGamma().Fit(frequency, truth.Simulate(frequency, 5));
        var path = Path.Combine(Path.GetTempPath(), $"clvml-{Guid.NewGuid():N}.json");
        try
        {
            ProbabilisticModelFile.Save(model, path);
            var loaded = Assert.IsType<GammaGammaModel>(ProbabilisticModelFile.Load(path));
            Assert.Equal(model.Parameters, loaded.Parameters);
            Assert.Equal(model.FrequencyMonetaryCorrelation, loaded.FrequencyMonetaryCorrelation);
            Assert.Equal(model.ConditionalExpectedAverageSpend(3, 20), loaded.ConditionalExpectedAverageSpend(3, 20));
            Assert.Contains("\"format_version\": 1", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
