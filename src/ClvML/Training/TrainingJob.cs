using ClvML.Configuration;
using ClvML.Data;
using ClvML.Features;
using ClvML.Persistence;

namespace ClvML.Training;

/// <summary>What <see cref="TrainingJob.Run"/> produced.</summary>
/// <param name="RunPath">The committed run directory.</param>
/// <param name="Features">The feature build with its row accounting.</param>
public sealed record TrainingResult(string RunPath, FeatureBuildResult Features);

/// <summary>
/// <c>clvml train</c>: reads the configured data, builds the features and writes one run
/// directory (features.csv, rejects.csv, manifest.json) under <c>output.models_dir</c>.
/// Later stages (probabilistic models, segments, regression, report) add their files here.
/// </summary>
public static class TrainingJob
{
    /// <summary>Format version of features.csv and rejects.csv as written by this version.</summary>
    public const int FeatureFileFormatVersion = 1;

    /// <summary>Runs the job.</summary>
    /// <param name="config">The loaded config.</param>
    /// <param name="configPath">Path of the config file (relative paths resolve against its folder).</param>
    /// <param name="outputDirectory">Overrides <c>output.models_dir</c> when given.</param>
    /// <param name="log">Receives one line per stage.</param>
    /// <param name="status">Receives where a long stage stands (AutoML trials), for a live status line; not meant for a log.</param>
    /// <param name="cancellationToken">Stops the job between stages; the temporary run folder is then removed and nothing is committed.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled before the run was committed.</exception>
    public static TrainingResult Run(TrainConfig config, string configPath, string? outputDirectory, Action<string>? log = null,
        Action<string>? status = null, CancellationToken cancellationToken = default)
    {
        log ??= _ => { };
        var configDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        var modelsDir = outputDirectory ?? Path.Combine(configDirectory, config.Output.ModelsDir);
        var leftovers = RunDirectory.RemoveLeftovers(modelsDir);
        foreach (var folder in leftovers.Removed) log($"removed {folder}, left by a training whose process is gone");
        foreach (var folder in leftovers.Unowned) log($"left {folder} alone: it has no owner file, so whether its training still runs is unknown (an older ClvML wrote none); delete it when no training is running");
        using var run = RunDirectory.Create(modelsDir, config.Run.Name);
        cancellationToken.ThrowIfCancellationRequested();

        log($"reading {Describe(config)}");
        var rejectsPath = run.File("rejects.csv");
        var built = FeatureJob.Build(config, configDirectory, rejectsPath, out var source);
        var rejects = built.Rejects;
        log($"rows read {rejects.RowsRead:N0} = accepted {rejects.Accepted:N0} + rejected {rejects.Rejected:N0}");
        foreach (var (reason, count) in rejects.RejectedByReason) log($"  rejected {reason}: {count:N0}");
        log($"customers {built.Stats.Customers:N0}" + (built.Stats.CustomersFirstSeenInHoldout > 0
            ? $"; {built.Stats.CustomersFirstSeenInHoldout:N0} first seen in the holdout, excluded" : ""));

        foreach (var warning in built.Warnings) log($"warning: {warning.Message}");

        var featuresPath = run.File("features.csv");
        FeatureTableCsvWriter.Write(built.Table, featuresPath);
        log("features written");
        cancellationToken.ThrowIfCancellationRequested();

        var files = new List<RunFile>
        {
            new("features.csv", "features", FeatureFileFormatVersion, RunManifest.HashFile(featuresPath)),
            new("rejects.csv", "rejects", FeatureFileFormatVersion, RunManifest.HashFile(rejectsPath)),
        };
        // --- model stages: each adds its files to the run ---
        var probabilistic = config.Probabilistic.Enabled ? ProbabilisticStage.Run(config, built.Table, run, log, cancellationToken) : null;
        if (probabilistic is not null) files.AddRange(probabilistic.Files);
        cancellationToken.ThrowIfCancellationRequested();
        // Segments after the probabilistic models, so cluster profiles carry mean P(alive) and CLV.
        if (config.Segmentation.Enabled) files.AddRange(SegmentationStage.Run(config, built.Table, run, log, probabilistic?.CustomerColumns));
        cancellationToken.ThrowIfCancellationRequested();
        var regression = RegressionStage.Run(config, built.Table, run, log, probabilistic?.CustomerColumns, status, cancellationToken);
        files.AddRange(regression.Files);
        cancellationToken.ThrowIfCancellationRequested();
        // --- end of model stages ---
        var data = Fingerprint(config, built, source);
        // The report's data files go into the manifest; the report files themselves do not (see RunReport).
        // Warnings of the data first, then of the fits and the search: the order the report and the manifest list them in.
        IReadOnlyList<RunWarning> warnings = [.. built.Warnings, .. probabilistic?.Warnings ?? [], .. regression.Warnings];
        var report = ReportStage.Run(config, built.Table, source, data, warnings, run, log);
        files.AddRange(report.Files);
        cancellationToken.ThrowIfCancellationRequested();

        var manifest = new RunManifest
        {
            RunName = config.Run.Name,
            Seed = config.Run.Seed,
            ConfigYaml = TrainConfigLoader.ToYaml(config),
            TimeUnit = config.Features.TimeUnit.ToString().ToLowerInvariant(),
            PurchasePeriod = config.Features.EffectivePurchasePeriod.ToString().ToLowerInvariant(),
            FeatureColumns = FeatureTableCsvWriter.Columns(built.Table),
            Data = data,
            Files = files,
            Metrics = report.Metrics,
            Warnings = warnings,
        };
        manifest.Write(run.File("manifest.json"));
        cancellationToken.ThrowIfCancellationRequested();
        var final = run.Commit();
        log($"run written to {final}");
        return new TrainingResult(final, built);
    }

    private static DataFingerprint Fingerprint(TrainConfig config, FeatureBuildResult built, Data.ITransactionSource? source)
    {
        var rejects = built.Rejects;
        var window = built.Table.Window;
        return new DataFingerprint
        {
            Source = source?.Name ?? config.Data.Path ?? "",
            Sha256 = source?.ContentSha256,
            RowsRead = rejects.RowsRead,
            RowsAccepted = rejects.Accepted,
            RowsRejected = rejects.Rejected,
            RejectedByReason = rejects.RejectedByReason,
            BlankLines = rejects.BlankLines,
            Customers = built.Stats.Customers,
            CustomersFirstSeenInHoldout = built.Stats.CustomersFirstSeenInHoldout,
            CalibrationEnd = window.CalibrationEnd,
            ObservationEnd = window.ObservationEnd,
            FirstTransaction = window.FirstTransaction,
            LastTransaction = window.LastTransaction,
        };
    }

    private static string Describe(TrainConfig config) => config.Data.Source switch
    {
        DataSourceKind.Sample => $"the built-in sample ({config.Data.Sample.Customers:N0} customers, seed {config.Run.Seed})",
        _ => $"{config.Data.Source.ToString().ToLowerInvariant()} {config.Data.Path}",
    };
}
