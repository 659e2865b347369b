using System.Diagnostics;
using System.Globalization;
using ClvML.Clustering;
using ClvML.Configuration;
using ClvML.Data;
using ClvML.Data.Csv;
using ClvML.Features;
using ClvML.Linear;
using ClvML.MLNet;
using ClvML.Models;
using ClvML.Trees;

namespace ClvML.Benchmarks;

/// <summary>
/// Each ML.NET trainer beside ClvML's own on the same rows in the same run (DESIGN.md: an engine earns its place
/// measured against the one it would replace): FastTree and LightGBM against ClvML's boosted trees at the same size
/// (100 trees, 31 leaves, rate 0.1, 20 rows per leaf), FastTree Tweedie against ClvML's trees with the Tweedie loss,
/// SDCA against ridge, and ML.NET's k-means against ClvML's (k = 5, one initialisation, log-standardized features).
/// Synthetic customers (frequency, recency, T, monetary_value -> holdout spend), 80% fitted, 20% tested; medians of
/// <c>--repeat</c> fits. <c>dotnet run -c Release --project tests/ClvML.Benchmarks -- mlnet [--customers N] [--repeat R]</c>.
/// </summary>
internal static class MLNetHarness
{
    public static int Run(string[] args)
    {
        var customers = Option(args, "--customers", 200_000);
        var repeat = Option(args, "--repeat", 3);
        var csv = BenchData.TransactionsCsv(customers);
        var data = new DataSettings { Source = DataSourceKind.Csv, Returns = ReturnPolicy.Keep };
        var features = new FeatureSettings
        {
            TimeUnit = TimeUnit.Week, PurchasePeriod = TimeUnit.Day, CalibrationEnd = BenchData.CalibrationEnd, ObservationEnd = BenchData.ObservationEnd,
        };
        var table = FeatureBuilder.FromTransactions(new CsvTransactionSource(csv, data), data, features, () => new RejectLog(csv, BadRowPolicy.Reject)).Table;
        var x = new FeatureMatrix(["frequency", "recency", "T", "monetary_value"], [table.Frequency, table.Recency, table.T, table.MonetaryValue]);
        var y = table.Holdout!.Spend;
        var order = Enumerable.Range(0, table.Count).ToArray();
        new Random(0).Shuffle(order);
        var cut = (int)(0.8 * order.Length);
        var train = order[..cut].Order().ToArray();
        var test = order[cut..].Order().ToArray();
        var trainX = x.Select(train);
        var trainY = train.Select(i => y[i]).ToArray();
        var testX = x.Select(test);
        var testY = test.Select(i => y[i]).ToArray();
        Console.WriteLine($"{table.Count:N0} customers: {train.Length:N0} fitted, {test.Length:N0} tested, {repeat} repetitions, {Environment.ProcessorCount} cores, load {Load()}");

        var trees = new GradientBoostedTreesOptions
        {
            NumberOfTrees = 100, MaximumLeaves = 31, LearningRate = 0.1, MinimumSamplesPerLeaf = 20, L2Regularization = 1, NonNegative = true,
        };
        var fastTree = new FastTreeRegressorOptions { NumberOfTrees = 100, NumberOfLeaves = 31, LearningRate = 0.1, MinimumExampleCountPerLeaf = 20, NonNegative = true };
        // Net returns leave some targets negative; the Tweedie pair fits them floored at 0 (its loss needs y >= 0) and is
        // tested, as every row is, against the raw test targets.
        var trainY0 = trainY.Select(v => Math.Max(v, 0)).ToArray();
        (string Name, IRegressor Trainer, bool Floored)[] regressors =
        [
            ("ClvML gbdt (squared error)", new GradientBoostedTrees(trees), false),
            ("ML.NET FastTree", new FastTreeRegressor(fastTree), false),
            ("ML.NET LightGBM", new LightGbmRegressor(new LightGbmRegressorOptions
                { NumberOfTrees = 100, NumberOfLeaves = 31, LearningRate = 0.1, MinimumExampleCountPerLeaf = 20, L2Regularization = 1, NonNegative = true }), false),
            ("ClvML gbdt (Tweedie)", new GradientBoostedTrees(trees with { Objective = BoostingObjective.Tweedie }), true),
            ("ML.NET FastTree Tweedie", new FastTreeTweedieRegressor(fastTree), true),
            ("ClvML ridge", new Ridge(new RidgeOptions { NonNegative = true }), false),
            ("ML.NET SDCA", new SdcaRegressor(new SdcaRegressorOptions { NonNegative = true }), false),
        ];
        var rows = new List<string>();
        foreach (var (name, trainer, floored) in args.Contains("--kmeans-only") ? [] : regressors)
        {
            var target = floored ? trainY0 : trainY;
            trainer.Fit(trainX.Select([.. Enumerable.Range(0, 5_000)]), target[..5_000]); // JIT and native-library warm-up
            var fits = new List<double>();
            IRegressionModel? model = null;
            for (var r = 0; r < repeat; r++)
            {
                var clock = Stopwatch.StartNew();
                model = trainer.Fit(trainX, target);
                fits.Add(clock.Elapsed.TotalSeconds);
            }
            var predictions = new List<double>();
            double[] predicted = [];
            for (var r = 0; r < repeat; r++)
            {
                var clock = Stopwatch.StartNew();
                predicted = model!.Predict(testX);
                predictions.Add(clock.Elapsed.TotalSeconds);
            }
            var rmse = Math.Sqrt(predicted.Zip(testY, (p, t) => (p - t) * (p - t)).Average());
            var mae = predicted.Zip(testY, (p, t) => Math.Abs(p - t)).Average();
            rows.Add($"| {name} | {Median(fits):F3} s | {Median(predictions):F3} s | {rmse:F3} | {mae:F3} |");
            Console.WriteLine($"{name}: fits {string.Join(", ", fits.Select(Seconds))}; predicts {string.Join(", ", predictions.Select(Seconds))}");
        }
        Console.WriteLine();
        Console.WriteLine($"| regressor ({train.Length:N0} rows fitted, {test.Length:N0} predicted) | fit (median) | predict (median) | test RMSE | test MAE |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var row in rows) Console.WriteLine(row);

        var kmeans = new KMeansOptions { ClusterCount = 5, Restarts = 1, Transform = FeatureTransformKind.LogStandardize, Seed = 0 };
        (string Name, IClusterer Clusterer)[] clusterers = [("ClvML k-means", new KMeans(kmeans)), ("ML.NET KMeans", new MLNetKMeans(kmeans))];
        Console.WriteLine();
        Console.WriteLine($"| k-means ({x.RowCount:N0} customers x 4, k = 5, 1 init) | fit (median) | assign (median) | inertia |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, clusterer) in clusterers)
        {
            clusterer.Fit(x.Select([.. Enumerable.Range(0, 5_000)]));
            var fits = new List<double>();
            IClusteringModel? model = null;
            for (var r = 0; r < repeat; r++)
            {
                var clock = Stopwatch.StartNew();
                model = clusterer.Fit(x);
                fits.Add(clock.Elapsed.TotalSeconds);
            }
            var assigns = new List<double>();
            for (var r = 0; r < repeat; r++)
            {
                var clock = Stopwatch.StartNew();
                model!.Predict(x);
                assigns.Add(clock.Elapsed.TotalSeconds);
            }
            Console.WriteLine($"| {name} | {Median(fits):F3} s | {Median(assigns):F3} s | {model!.Inertia.ToString("N1", CultureInfo.InvariantCulture)} |");
        }
        return 0;
    }

    private static string Seconds(double s) => s.ToString("F3", CultureInfo.InvariantCulture);

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
