using ClvML.Configuration;
using ClvML.Features;
using ClvML.Persistence;
using ClvML.Probabilistic;
using ClvML.Training;

namespace ClvML.Tests.Probabilistic;

/// <summary>The probabilistic stage called directly: fit limits from the config, skipped models with their reasons, cancellation.</summary>
public sealed class ProbabilisticStageTests
{
    private static CustomerFeatureTable Table(bool withSpend)
    {
        var ages = Enumerable.Range(0, 3000).Select(i => 5 + i % 34 + (i % 7) / 7.0).ToArray();
        var data = new BgNbdModel(0.243, 4.414, 0.793, 2.426).Simulate(ages, seed: 31, period: 1 / 7.0);
        var spend = new GammaGammaModel(6.25, 3.74, 15.44).Simulate([.. data.Frequency.Select(x => Math.Max(1, x))], seed: 32);
        var monetary = data.Frequency.Select((x, i) => withSpend && x > 0 ? spend[i] : 0).ToArray();
        return new CustomerFeatureTable([.. Enumerable.Range(0, ages.Length).Select(i => $"c{i}")], data.Frequency, data.Recency, data.T, monetary,
            TimeUnit.Week, new FeatureWindow(null, null, null, null));
    }

    private static (ProbabilisticStageResult? Result, Exception? Error, List<string> Log) Run(ProbabilisticSettings settings, CustomerFeatureTable table,
        Func<string, bool>? cancelAfter = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "clvml-test-" + Guid.NewGuid().ToString("N"));
        var log = new List<string>();
        using var source = new CancellationTokenSource();
        try
        {
            using var run = RunDirectory.Create(folder, "stage");
            void Log(string line)
            {
                log.Add(line);
                if (cancelAfter?.Invoke(line) == true) source.Cancel();
            }
            return (ProbabilisticStage.Run(new TrainConfig { Probabilistic = settings }, table, run, Log, source.Token), null, log);
        }
        catch (Exception e) when (e is InputException or OperationCanceledException)
        {
            return (null, e, log);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Models_past_the_evaluation_budget_are_skipped_with_the_reason_and_the_key_to_raise()
    {
        var (_, error, log) = Run(new ProbabilisticSettings { TransactionModels = ["bgnbd", "pareto_nbd"], MaxEvaluations = 1 }, Table(withSpend: true));
        foreach (var model in new[] { "bgnbd", "pareto_nbd" })
            Assert.Contains(log, l => l.StartsWith($"probabilistic: {model} skipped: {model} exceeded the budget of 1 likelihood evaluation (after ", StringComparison.Ordinal)
                && l.EndsWith("; raise probabilistic.max_evaluations or drop the model", StringComparison.Ordinal));
        Assert.StartsWith("probabilistic.transaction_models: none of [bgnbd, pareto_nbd] could be fitted to the 3,000 customers",
            Assert.IsType<InputException>(error).Message);
    }

    [Fact]
    public void A_model_past_the_time_limit_is_skipped_with_the_reason_and_the_key_to_raise()
    {
        var (_, error, log) = Run(new ProbabilisticSettings { TransactionModels = ["mbgnbd"], FitTimeLimitSeconds = 1e-6 }, Table(withSpend: true));
        Assert.Contains(log, l => l.StartsWith("probabilistic: mbgnbd skipped: mbgnbd exceeded the fit time limit of 0.000001 s (", StringComparison.Ordinal)
            && l.EndsWith("; raise probabilistic.fit_time_limit_seconds or drop the model", StringComparison.Ordinal));
        Assert.IsType<InputException>(error);
    }

    [Fact]
    public void A_skipped_spend_model_is_recorded_with_the_reason()
    {
        var (result, error, log) = Run(new ProbabilisticSettings { TransactionModels = ["bgnbd"] }, Table(withSpend: false));
        Assert.Null(error);
        var skipped = Assert.Single(result!.Skipped);
        Assert.Equal("gamma_gamma", skipped.Model);
        Assert.Equal("Gamma-Gamma needs customers with repeat purchases and a positive mean repeat spend; there are none.; " +
            "expected spend falls back on each customer's mean repeat spend", skipped.Reason);
        Assert.Contains($"probabilistic: gamma_gamma skipped: {skipped.Reason}", log);
        // The manifest and the report learn of it as a warning, not only the log.
        var warning = Assert.Single(result.Warnings, w => w.Code == "model_skipped");
        Assert.Equal("gamma_gamma", warning.Subject);
        Assert.EndsWith(skipped.Reason, warning.Message);
        Assert.Contains(log, l => l.StartsWith("probabilistic: bgnbd r = ", StringComparison.Ordinal));
    }

    [Fact]
    public void Cancellation_stops_the_stage_at_the_next_fit()
    {
        var (result, error, log) = Run(new ProbabilisticSettings { TransactionModels = ["bgnbd", "pareto_nbd", "mbgnbd"] }, Table(withSpend: true),
            cancelAfter: line => line.StartsWith("probabilistic: bgnbd ", StringComparison.Ordinal));
        Assert.Null(result);
        Assert.IsType<OperationCanceledException>(error, exactMatch: false);
        Assert.Single(log);
    }
}
