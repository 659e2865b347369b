using ClvML.Clustering;
using ClvML.Features;
using ClvML.Persistence;
using ClvML.Probabilistic;

namespace ClvML.Scoring;

/// <summary>The primary transaction model's scores, per customer and per group of customers with the same history, kept for the regressor's inputs.</summary>
internal sealed record ProbabilisticColumns(ITransactionModel Model, double[] Spend, GroupScores Groups, CustomerScores Scores);

/// <summary>
/// The score columns of a feature table. k-means and RFM need nothing from the BTYD models, so they
/// run beside them (and beside the regressor, which may read the BTYD columns): on two cores the
/// serial parts of one stage fill the gaps of another. Every stage's numbers depend only on the
/// table, never on timing or thread count; columns and log lines come out in stage order, and when
/// stages fail the first one's error is the one reported, as if they had run one after another.
/// </summary>
internal static class ScoringStages
{
    /// <summary>Every score column of the customers of <paramref name="table"/>, in output order.</summary>
    public static ScoreColumns Run(SavedRun run, RunModels models, CustomerFeatureTable table, Action<string> log)
    {
        var trained = run.Config;
        var threads = Environment.ProcessorCount;
        var transactions = models.Transactions;
        var btyd = Task.Run(() => transactions is null ? null : ScoreTransactions(transactions, models.Spend, table, trained.Clv, threads));
        var regressor = models.Regressor;
        var predicted = btyd.ContinueWith(done => regressor?.Predict(RegressorInputs.From(run, table, done.GetAwaiter().GetResult(), regressor, threads)),
            TaskContinuationOptions.ExecuteSynchronously);
        var kmeans = models.Segments;
        var clusters = Task.Run(() => kmeans?.Predict(ModelInputs.Select(table, kmeans.FeatureNames, "segments/kmeans.json")));
        var rfm = Task.Run(() => trained.Segmentation.Enabled && trained.Segmentation.RfmSegments ? RfmCombinations(table) : null);
        // Every stage ends before any error is reported, so nothing still reads the table after a failure.
        try { Task.WaitAll(btyd, predicted, clusters, rfm); } catch (AggregateException) { }

        var columns = new ScoreColumns(table);
        if (btyd.GetAwaiter().GetResult() is { } scored)
        {
            log($"{transactions!.Name}: P(alive), expected purchases and CLV computed");
            var slot = scored.Groups.Histories.Slot;
            columns.AddCoded("p_alive", slot, scored.Groups.PAlive);
            columns.AddCoded("expected_purchases", slot, scored.Groups.ExpectedPurchases);
            columns.Add("expected_spend", scored.Spend);
            columns.Add("clv", scored.Scores.Clv);
            columns.Add("net_clv", scored.Scores.NetClv);
        }
        if (clusters.GetAwaiter().GetResult() is { } assigned)
        {
            columns.AddCoded("cluster", assigned, [.. Enumerable.Range(0, kmeans!.ClusterCount).Select(c => (double)c)]);
            columns.AddCoded("cluster_label", assigned, kmeans.Labels);
            log("k-means clusters assigned");
        }
        if (rfm.GetAwaiter().GetResult() is { } combinations)
        {
            columns.AddCoded("rfm_code", combinations, RfmScores.Codes);
            columns.AddCoded("rfm_segment", combinations, RfmScoring.SegmentsByCombination());
            log("RFM segments scored");
        }
        if (predicted.GetAwaiter().GetResult() is { } spend)
        {
            columns.Add("predicted_spend", spend);
            log("predicted spend computed");
        }
        return columns;
    }

    /// <summary>P(alive), expected purchases over the CLV horizon, expected spend, CLV and net CLV, the model evaluated once per distinct history.</summary>
    private static ProbabilisticColumns ScoreTransactions(ITransactionModel model, GammaGammaModel? spendModel, CustomerFeatureTable table,
        ClvSettings clv, int threads)
    {
        var spend = ExpectedSpend.Compute(spendModel, table);
        var horizon = clv.HorizonMonths * CustomerLifetimeValue.UnitsPerMonth(table.TimeUnit);
        // Every customer has the same horizon, so the histories alone group them.
        var histories = DistinctHistories.Of(table.Frequency, table.Recency, table.T);
        var groups = CustomerScores.OfGroups(model, histories, horizon, clv, table.TimeUnit, threads);
        return new ProbabilisticColumns(model, spend, groups, CustomerScores.Spread(groups, spend, clv, threads));
    }

    /// <summary>Each customer's RFM score triple as one index 0..124, the code of both RFM columns.</summary>
    private static int[] RfmCombinations(CustomerFeatureTable table)
    {
        // RFM quintiles rank customers within the scored population, as the method prescribes.
        var rfm = RfmScoring.Score(CustomerValues.From(table));
        var combinations = new int[table.Count];
        for (var i = 0; i < combinations.Length; i++) combinations[i] = rfm.Combination(i);
        return combinations;
    }
}
