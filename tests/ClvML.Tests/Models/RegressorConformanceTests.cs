using System.Diagnostics;
using ClvML.Features;
using ClvML.Models;
using ClvML.Registry;

namespace ClvML.Tests.Models;

/// <summary>
/// What every registered regressor must do, checked for each entry of <see cref="ModelRegistry.Regressors"/> (a newly
/// registered kind is tested without editing this file): scikit-learn's <c>check_estimator</c> and ML.NET's estimator
/// tests are the models. Trainers are taken from the kind's option space at its low-cost start (what the search
/// fits first), with a non-negative target, as training does.
/// </summary>
public sealed class RegressorConformanceTests
{
    public static TheoryData<string> Kinds => [.. ModelRegistry.Regressors.Select(k => k.Name)];

    private static readonly (FeatureMatrix X, double[] Y) Data = ConformanceData.Regression();

    private static TrainerSpace Space(string kind) => ModelRegistry.Regressor(kind).Space(true);

    private static IRegressor Trainer(string kind, int seed = 3) => Space(kind).Trainer(Space(kind).LowCostStart, seed);

    private static IRegressionModel Fit(string kind, int seed = 3) => Trainer(kind, seed).Fit(Data.X, Data.Y);

    [Theory, MemberData(nameof(Kinds))]
    public void Save_then_load_gives_identical_predictions(string kind)
    {
        var registered = ModelRegistry.Regressor(kind);
        var model = Fit(kind);
        var folder = Directory.CreateTempSubdirectory("clvml-conformance-");
        try
        {
            var path = Path.Combine(folder.FullName, registered.FileName);
            model.Save(path);
            var loaded = registered.Load(path);
            Assert.Equal(kind, loaded.Kind);
            Assert.Equal(model.FeatureNames, loaded.FeatureNames);
            var fresh = ConformanceData.Regression(100, seed: 99).X;
            Assert.Equal(model.Predict(Data.X), loaded.Predict(Data.X));
            Assert.Equal(model.Predict(fresh), loaded.Predict(fresh));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Unit_weights_give_the_same_model_as_no_weights(string kind)
    {
        var ones = Enumerable.Repeat(1.0, Data.X.RowCount).ToArray();
        var weighted = Trainer(kind).Fit(Data.X, Data.Y, ones);
        var unweighted = Trainer(kind).Fit(Data.X, Data.Y);
        Assert.Equal(unweighted.Predict(Data.X), weighted.Predict(Data.X));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_subset_is_predicted_as_the_slice_of_the_full_prediction(string kind)
    {
        var model = Fit(kind);
        var full = model.Predict(Data.X);
        int[] rows = [.. Enumerable.Range(0, Data.X.RowCount).Where(i => i % 7 == 3).Reverse()];
        Assert.Equal(rows.Select(i => full[i]), model.Predict(Data.X.Select(rows)));
        Assert.Equal([full[42]], model.Predict(Data.X.Select([42])));
        Assert.Empty(model.Predict(Data.X.Select([])));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Columns_are_matched_by_name_and_extra_columns_ignored(string kind)
    {
        var model = Fit(kind);
        var reordered = new FeatureMatrix([.. Data.X.Names.Reverse(), "unused"],
            [.. Data.X.Columns.Reverse(), Enumerable.Repeat(5.0, Data.X.RowCount).ToArray()]);
        Assert.Equal(model.Predict(Data.X), model.Predict(reordered));
        var missing = new FeatureMatrix(Data.X.Names.Skip(1).ToArray(), Data.X.Columns.Skip(1).ToArray());
        var e = Assert.ThrowsAny<ArgumentException>(() => model.Predict(missing));
        Assert.Contains(Data.X.Names[0], e.Message);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Infinite_inputs_are_refused_naming_column_and_row_and_NaN_unless_it_means_missing(string kind)
    {
        var registered = ModelRegistry.Regressor(kind);
        foreach (var bad in new[] { double.PositiveInfinity, double.NegativeInfinity, double.NaN })
        {
            var x = ConformanceData.With(Data.X, "frequency", 17, bad);
            if (double.IsNaN(bad) && registered.AcceptsMissingValues)
            {
                var model = Trainer(kind).Fit(x, Data.Y);
                Assert.True(double.IsFinite(model.Predict(x)[17]), $"{kind} takes NaN as missing, so it must predict a number for that row");
                continue;
            }
            var fit = Assert.ThrowsAny<Exception>(() => Trainer(kind).Fit(x, Data.Y));
            Assert.True(fit is ArgumentException or InputException, $"{kind}: fit threw {fit.GetType().Name}: {fit.Message}");
            Assert.True(ConformanceData.NamesPlace(fit.Message, "frequency", 17), $"{kind}: fit on {bad}: '{fit.Message}' should name the column and row");
            var predict = Assert.ThrowsAny<Exception>(() => Fit(kind).Predict(x));
            Assert.True(predict is ArgumentException or InputException, $"{kind}: predict threw {predict.GetType().Name}: {predict.Message}");
            Assert.True(ConformanceData.NamesPlace(predict.Message, "frequency", 17), $"{kind}: predict on {bad}: '{predict.Message}' should name the column and row");
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Non_finite_targets_are_refused_naming_the_row(string kind)
    {
        var y = (double[])Data.Y.Clone();
        y[23] = double.NaN;
        var e = Assert.ThrowsAny<ArgumentException>(() => Trainer(kind).Fit(Data.X, y));
        Assert.Contains("row 23", e.Message);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void The_seed_fixes_the_result_and_another_seed_changes_a_randomised_trainer(string kind)
    {
        var space = Space(kind);
        // Where the space samples rows or features, sample 70% of them: there the seed must matter.
        var point = space.LowCostStart.ToArray();
        var sampling = space.Dimensions.Select((d, i) => (d, i)).Where(p => p.d.Choices is null && (p.d.Name.Contains("subsample") || p.d.Name.Contains("fraction"))).ToList();
        foreach (var (d, i) in sampling) point[i] = d.Encode(0.7);
        var first = space.Trainer(point, 1).Fit(Data.X, Data.Y).Predict(Data.X);
        var again = space.Trainer(point, 1).Fit(Data.X, Data.Y).Predict(Data.X);
        Assert.Equal(first, again);
        if (sampling.Count == 0) return;
        var other = space.Trainer(point, 2).Fit(Data.X, Data.Y).Predict(Data.X);
        Assert.False(first.SequenceEqual(other), $"{kind} samples ({string.Join(", ", sampling.Select(p => p.d.Name))}) yet seeds 1 and 2 gave the same predictions");
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_cancelled_token_stops_the_fit_at_once(string kind)
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => Trainer(kind).Fit(Data.X, Data.Y, default, cancelled.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{kind} took {clock.Elapsed.TotalSeconds:F2} s to notice a cancelled token");
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Cancelling_during_a_long_fit_stops_it_promptly(string kind)
    {
        // The costliest corner of the space on 20,000 rows: a fit that would run for minutes where the trainer iterates.
        var space = Space(kind);
        var point = space.Dimensions.Select(d => d.Choices is null ? 1.0 : 0.0).ToArray();
        var (x, y) = ConformanceData.Regression(20_000, seed: 5);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        try
        {
            space.Trainer(point, 1).Fit(x, y, default, cancel.Token);
        }
        catch (OperationCanceledException)
        {
        }
        // The trial timeout of the search relies on this: a fit ends within a few seconds of its cancellation.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"{kind} ran {clock.Elapsed.TotalSeconds:F1} s after a cancellation at 0.3 s");
    }

    [Theory, MemberData(nameof(Kinds))]
    public void PredictRow_equals_Predict(string kind)
    {
        var model = Fit(kind);
        var all = model.Predict(Data.X);
        var order = model.FeatureNames.Select(n => Data.X.Names.ToList().IndexOf(n)).ToArray();
        var row = new double[order.Length];
        for (var i = 0; i < 25; i++)
        {
            for (var f = 0; f < order.Length; f++) row[f] = Data.X.Columns[order[f]][i];
            Assert.Equal(all[i], model.PredictRow(row));
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Fit_leaves_its_inputs_unchanged(string kind)
    {
        var x = ConformanceData.Copy(Data.X);
        var y = (double[])Data.Y.Clone();
        var w = Enumerable.Range(0, y.Length).Select(i => 1 + i % 3 * 0.5).ToArray();
        var weights = (double[])w.Clone();
        Trainer(kind).Fit(x, y, weights);
        Assert.Equal(Data.X.Names, x.Names);
        for (var f = 0; f < x.FeatureCount; f++) Assert.Equal(Data.X.Columns[f], x.Columns[f]);
        Assert.Equal(Data.Y, y);
        Assert.Equal(w, weights);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Predictions_stay_in_the_training_targets_range(string kind)
    {
        var model = Fit(kind);
        var far = new FeatureMatrix(Data.X.Names, [.. Data.X.Columns.Select(c => c.Select(v => v * 50 - 1000).ToArray())]);
        foreach (var p in model.Predict(Data.X).Concat(model.Predict(far)))
            Assert.InRange(p, 0, Data.Y.Max() * (1 + 1e-6));
    }
}
