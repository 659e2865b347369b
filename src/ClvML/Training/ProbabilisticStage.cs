using System.Globalization;
using System.Text;
using ClvML.Configuration;
using ClvML.Data;
using ClvML.Evaluation.Diagnostics;
using ClvML.Evaluation.Reporting;
using ClvML.Features;
using ClvML.Persistence;
using ClvML.Probabilistic;

namespace ClvML.Training;

/// <summary>What <see cref="ProbabilisticStage.Run"/> produced.</summary>
/// <param name="Files">The files written, for the manifest.</param>
/// <param name="CustomerColumns">
/// Per-customer columns in table row order from the first transaction model that fitted, combined with
/// the spend model: <c>p_alive</c>, <c>expected_purchases</c> (over each customer's holdout duration when
/// there is a holdout, else over the CLV horizon), <c>expected_spend</c> (Gamma-Gamma conditional mean
/// spend; the population mean for customers without repeat purchases) and <c>clv</c>.
/// </param>
public sealed record ProbabilisticStageResult(IReadOnlyList<RunFile> Files, IReadOnlyDictionary<string, double[]> CustomerColumns)
{
    /// <summary>What the fits tell the reader (a fit at the no-dropout limit, weakly identified parameters), for the manifest and the report.</summary>
    public IReadOnlyList<RunWarning> Warnings { get; init; } = [];
}

/// <summary>
/// The BTYD baseline of <c>clvml train</c> (<c>probabilistic:</c>): fits each configured transaction model
/// and the spend model on the calibration features, writes <c>probabilistic/&lt;model&gt;.json</c> per model and
/// <c>probabilistic/predictions.csv</c> (customer_id and, per model, P(alive), expected purchases, CLV and net CLV).
/// A model that fails to fit is reported and skipped; the stage fails only when no transaction model fits.
/// </summary>
public static class ProbabilisticStage
{
    /// <summary>Format version of predictions.csv.</summary>
    public const int PredictionsFormatVersion = 1;

    /// <summary>Runs the stage (the caller checks <c>probabilistic.enabled</c>).</summary>
    /// <param name="config">The run's config.</param>
    /// <param name="table">The calibration features.</param>
    /// <param name="run">The run directory.</param>
    /// <param name="log">Progress lines.</param>
    public static ProbabilisticStageResult Run(TrainConfig config, CustomerFeatureTable table, RunDirectory run, Action<string> log)
    {
        var settings = config.Probabilistic;
        var files = new List<RunFile>();
        var fitted = new List<ITransactionModel>();
        var warnings = new List<RunWarning>();
        var data = PurchaseSummary.Create(table.Frequency, table.Recency, table.T);
        foreach (var name in settings.TransactionModels)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                var model = FitTransactionModel(name, data, table, config);
                fitted.Add(model);
                files.Add(Save(model, run));
                var d = model.Diagnostics!;
                log($"probabilistic: {name} {Describe(model)}, LL {d.LogLikelihood.ToString("F2", CultureInfo.InvariantCulture)} ({d.Optimizer}, {d.Iterations} iterations, {clock.Elapsed.TotalSeconds:F2} s)"
                    + (d.WeaklyIdentified ? "; weakly identified: some parameters are barely determined by the data" : ""));
                if (ModelFit.Of(model) is { } fit)
                    foreach (var warning in FitNotes.Of(fit))
                    {
                        warnings.Add(warning);
                        log($"warning: {warning.Message}");
                    }
            }
            catch (Exception e) when (e is ConvergenceException or ArgumentException)
            {
                log($"probabilistic: {name} skipped: {e.Message}");
            }
        }
        if (fitted.Count == 0)
            throw new ConvergenceException($"probabilistic.transaction_models: none of [{string.Join(", ", settings.TransactionModels)}] could be fitted to the {table.Count:N0} customers (see the messages above); set probabilistic.enabled: false to skip the stage.");

        var spend = FitExpectedSpend(table, settings, run, files, log);
        var horizon = config.Clv.HorizonMonths * CustomerLifetimeValue.UnitsPerMonth(table.TimeUnit);
        // Expected purchases over each customer's holdout when there is one (what the report and the
        // regressor compare), otherwise over the CLV horizon.
        var holdout = table.Holdout?.Duration;
        var columns = fitted.Select(m => CustomerScores.Compute(m, table, spend, i => holdout?[i] ?? horizon, config.Clv)).ToList();
        files.Add(WritePredictions(table, fitted, columns, spend, run));
        var primary = columns[0];
        log($"probabilistic: customer columns from {fitted[0].Name}: mean P(alive) {primary.PAlive.Average():F3}, mean CLV {primary.Clv.Average():F2} over {config.Clv.HorizonMonths} months");
        return new ProbabilisticStageResult(files, new Dictionary<string, double[]>
        {
            ["p_alive"] = primary.PAlive,
            ["expected_purchases"] = primary.ExpectedPurchases,
            ["expected_spend"] = spend,
            ["clv"] = primary.Clv,
        }) { Warnings = warnings };
    }

    private static ITransactionModel FitTransactionModel(string name, PurchaseSummary data, CustomerFeatureTable table, TrainConfig config)
    {
        var penalizer = config.Probabilistic.Penalizer;
        return name switch
        {
            "bgnbd" => new BgNbd(new BgNbdOptions { Penalizer = penalizer }).Fit(data),
            "mbgnbd" => new ModifiedBgNbd(new ModifiedBgNbdOptions { Penalizer = penalizer }).Fit(data),
            "pareto_nbd" => new ParetoNbd(new ParetoNbdOptions { Penalizer = penalizer }).Fit(data),
            "bgbb" => new BgBb(new BgBbOptions { Penalizer = penalizer }).Fit(table.Frequency, table.Recency, table.T),
            _ => throw new ArgumentException($"unknown transaction model '{name}'"),
        };
    }

    private static string Describe(IProbabilisticModel model) =>
        string.Join(", ", model.Parameters.Select(p => $"{p.Key} = {p.Value.ToString("G5", CultureInfo.InvariantCulture)}"));

    private static RunFile Save(IProbabilisticModel model, RunDirectory run)
    {
        var relative = $"probabilistic/{model.Name}.json";
        var path = run.File(relative);
        ProbabilisticModelFile.Save(model, path);
        return new RunFile(relative, model.Name, ProbabilisticModelFile.FormatVersion, RunManifest.HashFile(path));
    }

    /// <summary>
    /// Gamma-Gamma conditional expected spend per purchase. When the spend model cannot be fitted (no
    /// customer with repeat purchases and positive spend, e.g. a summary input without monetary_value),
    /// <see cref="ExpectedSpend.Compute"/> falls back on each customer's own mean repeat spend.
    /// </summary>
    private static double[] FitExpectedSpend(CustomerFeatureTable table, ProbabilisticSettings settings, RunDirectory run, List<RunFile> files, Action<string> log)
    {
        try
        {
            var gg = new GammaGamma(new GammaGammaOptions { Penalizer = settings.Penalizer }).Fit(table.Frequency, table.MonetaryValue);
            files.Add(Save(gg, run));
            log($"probabilistic: {settings.SpendModel} {Describe(gg)} on {gg.Diagnostics!.Customers:N0} repeat customers"
                + (gg.ExcludedCustomers > 0 ? $" ({gg.ExcludedCustomers:N0} with mean repeat spend <= 0 left out)" : "")
                + $"; frequency/monetary correlation {gg.FrequencyMonetaryCorrelation.ToString("F3", CultureInfo.InvariantCulture)}"
                + (Math.Abs(gg.FrequencyMonetaryCorrelation) > 0.3 ? " (the model assumes independence: treat expected spend with care)" : ""));
            return ExpectedSpend.Compute(gg, table);
        }
        catch (Exception e) when (e is ConvergenceException or ArgumentException)
        {
            log($"probabilistic: {settings.SpendModel} skipped: {e.Message}; expected spend falls back on each customer's mean repeat spend");
            return ExpectedSpend.Compute(null, table);
        }
    }

    private static RunFile WritePredictions(CustomerFeatureTable table, List<ITransactionModel> models, List<CustomerScores> columns, double[] spend, RunDirectory run)
    {
        const string Relative = "probabilistic/predictions.csv";
        var path = run.File(Relative);
        var text = new StringBuilder("customer_id,expected_spend");
        foreach (var m in models) text.Append(CultureInfo.InvariantCulture, $",{m.Name}_p_alive,{m.Name}_expected_purchases,{m.Name}_clv,{m.Name}_net_clv");
        text.Append('\n');
        for (var i = 0; i < table.Count; i++)
        {
            text.Append(CsvText.Quote(table.CustomerIds[i])).Append(',').Append(spend[i].ToString("R", CultureInfo.InvariantCulture));
            foreach (var c in columns)
                text.Append(CultureInfo.InvariantCulture, $",{c.PAlive[i]:R},{c.ExpectedPurchases[i]:R},{c.Clv[i]:R},{c.NetClv[i]:R}");
            text.Append('\n');
        }
        File.WriteAllText(path, text.ToString());
        return new RunFile(Relative, "probabilistic_predictions", PredictionsFormatVersion, RunManifest.HashFile(path));
    }
}
