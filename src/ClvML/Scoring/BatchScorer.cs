using ClvML.Clustering;
using ClvML.Data;
using ClvML.Data.Destinations;
using ClvML.Data.Output;
using ClvML.Features;
using ClvML.Persistence;
using ClvML.Probabilistic;
using ClvML.Training;

namespace ClvML.Scoring;

/// <summary>What a scoring job did.</summary>
/// <param name="Customers">Customers scored (one output row each).</param>
/// <param name="RowsRead">Input rows read.</param>
/// <param name="RowsAccepted">Rows that went into the features.</param>
/// <param name="RowsRejected">Rows rejected, each with its reason in the rejects file.</param>
/// <param name="RejectedByReason">Rejected rows by reason.</param>
/// <param name="AsOf">The date features were computed as of.</param>
/// <param name="OutputPath">The scores file.</param>
/// <param name="RejectsPath">The rejects file.</param>
public sealed record ScoringResult(int Customers, long RowsRead, long RowsAccepted, long RowsRejected,
    IReadOnlyDictionary<string, long> RejectedByReason, DateOnly? AsOf, string OutputPath, string RejectsPath)
{
    /// <summary>What most input rows were rejected for and the setting that would read them, when that is so (see <see cref="RejectLog.Hints"/>).</summary>
    public IReadOnlyList<string> Hints { get; init; } = [];
}

/// <summary>
/// <c>clvml score</c>: loads a verified saved run, recomputes each customer's features from fresh
/// transactions as of a date with the run's column mapping and validation (bad rows rejected with
/// their reason, as in training), and writes one row per customer: cluster and label, RFM segment,
/// P(alive), expected purchases over the CLV horizon, predicted spend from the run's best regressor
/// (over the holdout length it was trained on), CLV and net CLV from the BTYD models. Columns of a
/// stage the run did not train are left out.
/// </summary>
public static class BatchScorer
{
    /// <summary>Scores <see cref="ScoringRequest.InputPath"/> with <paramref name="run"/>.</summary>
    /// <exception cref="InputException">Bad input or mapping (exit 2), naming the file and column.</exception>
    public static ScoringResult Score(SavedRun run, ScoringRequest request, Action<string>? log = null)
    {
        log ??= _ => { };
        var config = ScoringInput.Config(run, request);
        var models = RunModels.Load(run);
        var target = OutputTarget.Parse(request.OutputPath);
        TableOutput.CheckReady(target, request.Connection);
        var rejectsPath = request.RejectsPath ?? target.RejectsPath;
        log($"scoring {request.InputPath} with run {run.Manifest.RunName} as of {request.AsOf?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "the last transaction"}");
        // The rejects file replaces an older one only together with the scores, so the two always belong together.
        using var stagedRejects = new StagedFile(rejectsPath);
        // Scoring keeps no data fingerprint, so the input is not hashed.
        var built = stagedRejects.KeptOnInputError(() =>
            FeatureJob.Build(config, Path.GetDirectoryName(Path.GetFullPath(request.InputPath))!, stagedRejects.TemporaryPath, out _, fingerprint: false));
        var table = built.Table;
        var rejects = built.Rejects;

        var columns = ScoringStages.Run(run, models, table, log);
        if (target.Format == OutputFormat.Csv) columns.Write(request.OutputPath);
        else
        {
            // Parquet refuses a non-finite score as CSV does; SQLite stores NaN as NULL.
            if (target.Format == OutputFormat.Parquet) columns.ThrowIfNotFinite();
            TableOutput.Write(target, columns.ToColumnTable(), request.Connection);
        }
        stagedRejects.Commit();
        return new ScoringResult(table.Count, rejects.RowsRead, rejects.Accepted, rejects.Rejected, rejects.RejectedByReason,
            request.AsOf, request.OutputPath, rejectsPath) { Hints = rejects.Hints("--timestamp-format", " ") };
    }
}
