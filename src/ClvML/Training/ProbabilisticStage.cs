using System.Globalization;
using System.Text;
using ClvML.Configuration;
using ClvML.Data;
using ClvML.Evaluation.Diagnostics;
using ClvML.Evaluation.Reporting;
using ClvML.Features;
using ClvML.Persistence;
using ClvML.Probabilistic;
using ClvML.Registry;

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
    /// <summary>What the fits tell the reader (a fit at the no-dropout limit, weakly identified parameters, a skipped model), for the manifest and the report.</summary>
    public IReadOnlyList<RunWarning> Warnings { get; init; } = [];

    /// <summary>Each configured model that was not fitted (transaction models and the spend model), with the reason.</summary>
    public IReadOnlyList<SkippedModel> Skipped { get; init; } = [];
}

/// <summary>A model the probabilistic stage skipped.</summary>
/// <param name="Model">Its name in the config (e.g. pareto_nbd).</param>
/// <param name="Reason">Why, as logged: the fit's message and what to change.</param>
public sealed record SkippedModel(string Model, string Reason);

/// <summary>
/// The BTYD baseline of <c>clvml train</c> (<c>probabilistic:</c>): fits each configured transaction model
/// and the spend model on the calibration features, writes <c>probabilistic/&lt;model&gt;.json</c> per model and
/// <c>probabilistic/predictions.csv</c> (customer_id and, per model, P(alive), expected purchases, CLV and net CLV).
/// A model that fails to fit, or runs past <c>probabilistic.fit_time_limit_seconds</c> or
/// <c>probabilistic.max_evaluations</c>, is reported and skipped; the stage fails only when no transaction model fits.
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
    /// <param name="cancellationToken">Stops the fit under way promptly (<see cref="OperationCanceledException"/>).</param>
    public static ProbabilisticStageResult Run(TrainConfig config, CustomerFeatureTable table, RunDirectory run, Action<string> log,
        CancellationToken cancellationToken = default)
    {
        var settings = config.Probabilistic;
        var files = new List<RunFile>();
        var fitted = new List<ITransactionModel>();
        var warnings = new List<RunWarning>();
        var skipped = new List<SkippedModel>();
        void Skip(string model, string reason)
        {
            skipped.Add(new SkippedModel(model, reason));
            // A skipped model is missing from the leaderboard: the report says why, not only the log.
            warnings.Add(new RunWarning(FitNotes.ModelSkipped, model, $"{model} was not fitted and is not compared: {reason}"));
            log($"probabilistic: {model} skipped: {reason}");
        }
        var data = PurchaseSummary.Create(table.Frequency, table.Recency, table.T);
        foreach (var name in settings.TransactionModels)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                var model = FitTransactionModel(name, data, table, config, cancellationToken);
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
            catch (FitLimitExceededException e)
            {
                Skip(name, LimitReason(e));
            }
            catch (Exception e) when (e is ConvergenceException or ArgumentException)
            {
                Skip(name, e.Message);
            }
        }
        if (fitted.Count == 0)
            // The data (or the limits) defeat every model: a problem of the input and config, not of the program.
            throw new InputException($"probabilistic.transaction_models: none of [{string.Join(", ", settings.TransactionModels)}] could be fitted to the {table.Count:N0} customers (see the messages above); set probabilistic.enabled: false to skip the stage.");

        var spend = FitExpectedSpend(table, settings, run, files, log, Skip, cancellationToken);
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
        }) { Warnings = warnings, Skipped = skipped };
    }

    private static ITransactionModel FitTransactionModel(string name, PurchaseSummary data, CustomerFeatureTable table, TrainConfig config,
        CancellationToken cancellationToken)
    {
        var kind = ModelRegistry.FindTransactionModel(name) ?? throw new ArgumentException($"unknown transaction model '{name}'");
        return kind.Fit(Options<FitOptions>(config.Probabilistic), data, table, cancellationToken);
    }

    /// <summary>The library's fit options from <c>probabilistic:</c> (penalizer, time limit, evaluation budget).</summary>
    private static T Options<T>(ProbabilisticSettings settings) where T : FitOptions, new() => new()
    {
        Penalizer = settings.Penalizer,
        TimeLimit = TimeSpan.FromSeconds(settings.FitTimeLimitSeconds),
        MaximumEvaluations = settings.MaxEvaluations,
    };

    /// <summary>A fit stopped by a limit: the fit's own account and the key that sets the limit.</summary>
    private static string LimitReason(FitLimitExceededException e) => e.Message + (e.Limit == FitLimit.Time
        ? "; raise probabilistic.fit_time_limit_seconds or drop the model"
        : "; raise probabilistic.max_evaluations or drop the model");

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
    private static double[] FitExpectedSpend(CustomerFeatureTable table, ProbabilisticSettings settings, RunDirectory run, List<RunFile> files,
        Action<string> log, Action<string, string> skip, CancellationToken cancellationToken)
    {
        const string Fallback = "; expected spend falls back on each customer's mean repeat spend";
        try
        {
            var gg = new GammaGamma(Options<GammaGammaOptions>(settings)).Fit(table.Frequency, table.MonetaryValue, cancellationToken: cancellationToken);
            files.Add(Save(gg, run));
            log($"probabilistic: {settings.SpendModel} {Describe(gg)} on {gg.Diagnostics!.Customers:N0} repeat customers"
                + (gg.ExcludedCustomers > 0 ? $" ({gg.ExcludedCustomers:N0} with mean repeat spend <= 0 left out)" : "")
                + $"; frequency/monetary correlation {gg.FrequencyMonetaryCorrelation.ToString("F3", CultureInfo.InvariantCulture)}"
                + (Math.Abs(gg.FrequencyMonetaryCorrelation) > 0.3 ? " (the model assumes independence: treat expected spend with care)" : ""));
            return ExpectedSpend.Compute(gg, table);
        }
        catch (FitLimitExceededException e)
        {
            skip(settings.SpendModel, LimitReason(e) + Fallback);
        }
        catch (Exception e) when (e is ConvergenceException or ArgumentException)
        {
            skip(settings.SpendModel, e.Message + Fallback);
        }
        return ExpectedSpend.Compute(null, table);
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
