using ClvML.Configuration;
using ClvML.Data;
using ClvML.Features;
using ClvML.Persistence;
using ClvML.Scoring;
using Microsoft.Data.Analysis;
using Microsoft.ML;

namespace ClvML.Interop;

/// <summary>
/// Scores customer features with a saved run: what <c>clvml score</c> does once it has computed the
/// features from transactions, for features a notebook or an ML.NET pipeline already has as a
/// <see cref="CustomerFeatureTable"/>, a <see cref="DataFrame"/> or an <see cref="IDataView"/>. The run is
/// opened and verified (every file's SHA-256, every format version) and its models loaded once; each
/// <c>Score</c> call gives a DataFrame of customer_id and the score columns, one row per input row in input
/// order, with the values <c>clvml score</c> writes for the same features. RFM segments rank customers within
/// the scored rows, as <c>clvml score</c> ranks them within its input.
/// </summary>
public sealed class RunScorer
{
    private readonly RunModels _models;

    private RunScorer(SavedRun run, RunModels models)
    {
        Run = run;
        _models = models;
        Columns = ScoreColumnList.Of(run, models);
    }

    /// <summary>Opens, verifies and loads the run at <paramref name="runDirectory"/>.</summary>
    /// <exception cref="RunIntegrityException">The run is missing, incomplete, altered or too new (see <see cref="SavedRun.Open"/>).</exception>
    public static RunScorer Open(string runDirectory) => For(SavedRun.Open(runDirectory));

    /// <summary>Loads the models of an opened run.</summary>
    /// <exception cref="RunIntegrityException">A model file is too new or not what the manifest says.</exception>
    public static RunScorer For(SavedRun run) => new(run, RunModels.Load(run));

    /// <summary>The run.</summary>
    public SavedRun Run { get; }

    /// <summary>The time unit the run's features are in; input features must be in it too.</summary>
    public TimeUnit TimeUnit => Run.Config.Features.TimeUnit;

    /// <summary>The score columns every result has after customer_id, in order (those of the stages the run trained).</summary>
    public IReadOnlyList<string> ScoreColumnNames => [.. Columns.Select(c => c.Name)];

    internal IReadOnlyList<ScoreColumnList.Entry> Columns { get; }

    /// <summary>Whether the run's models read the RFM columns: a run trained on transactions (not on a summary) does.</summary>
    internal bool ReadsRfm => Run.Config.Data.Kind != DataKind.Summary;

    /// <summary>Scores <paramref name="features"/>; <paramref name="log"/> hears each stage as it finishes.</summary>
    /// <exception cref="InputException">The table's time unit is not the run's, or it lacks columns the models read.</exception>
    public DataFrame Score(CustomerFeatureTable features, Action<string>? log = null) => ScoreFrames.From(features, ScoreColumnsOf(features, log));

    /// <summary>
    /// Scores the customer features of a DataFrame, read as
    /// <see cref="FeatureTableConversions.ToFeatureTable(DataFrame, TimeUnit, FeatureWindow?, IReadOnlyList{string}?)"/>
    /// reads them in the run's time unit. A run trained on transactions needs the RFM columns; the holdout columns are not read.
    /// </summary>
    /// <exception cref="InputException">A column is missing or mistyped, or a value is refused; the message names the column and the row.</exception>
    public DataFrame Score(DataFrame features) => Score(ReadFeatures(features));

    /// <summary>Scores the customer features of an IDataView, read as for a DataFrame.</summary>
    /// <exception cref="InputException">A column is missing or mistyped, or a value is refused; the message names the column and the row.</exception>
    public DataFrame Score(IDataView features) => Score(ReadFeatures(features));

    /// <summary>The feature table the run scores from <paramref name="features"/> (a DataFrame is read with its nulls seen as nulls).</summary>
    /// <exception cref="InputException">A column is missing or mistyped, or a value is refused.</exception>
    public CustomerFeatureTable ReadFeatures(IDataView features) => features is DataFrame frame
        ? DataFrameFeatureReader.Read(frame, ImportOptions)
        : DataViewFeatureReader.Read(features, ImportOptions);

    /// <summary>How the run reads features: in its time unit, with the RFM columns when its models read them, without holdout or attributes.</summary>
    internal FeatureImportOptions ImportOptions => new(TimeUnit, new FeatureWindow(null, null, null, null), [],
        ReadsRfm ? ColumnGroupUse.Require : ColumnGroupUse.Ignore, ColumnGroupUse.Ignore,
        ReadsRfm ? $"the run {Path.GetFileName(Run.Path)} was trained on transactions, so its models read the RFM columns (" +
            string.Join(", ", FeatureSchema.Fixed.Where(c => c.Role == FeatureRole.Rfm)) + ") as clvml score computes them" : null);

    internal ScoreColumns ScoreColumnsOf(CustomerFeatureTable features, Action<string>? log = null)
    {
        if (features.TimeUnit != TimeUnit)
            throw new InputException($"The feature table is in {features.TimeUnit} units but the run {Path.GetFileName(Run.Path)} was trained in {TimeUnit} units; " +
                "compute the features in the run's unit (features.time_unit).");
        if (ReadsRfm && features.Rfm is null)
            throw new InputException($"The feature table has no RFM columns, but the run {Path.GetFileName(Run.Path)} was trained on transactions and its models read them; " +
                "build the features from transactions.");
        return ScoringStages.Run(Run, _models, features, log ?? (_ => { }));
    }
}
