using ClvML.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClvML.Interop;

/// <summary>
/// A saved ClvML run as an ML.NET <see cref="ITransformer"/>: <see cref="Transform"/> takes an IDataView of
/// customer features (the columns of features.csv, in the run's time unit; see <see cref="RunScorer.ReadFeatures"/>)
/// and returns its columns followed by the run's score columns, doubles and text, with the values
/// <c>clvml score</c> writes for the same features. It has nothing to learn, so in an estimator pipeline it
/// goes in as <see cref="AsEstimator"/>; after a fitted chain, as <c>chain.Append(transformer)</c>.
/// <para>
/// Not a row-to-row mapper: RFM segments rank each customer within all the rows scored, so a row's scores are
/// not a function of that row alone; a prediction engine cannot be made from it. The scores are computed once,
/// on the first cursor that reads a score column, from one pass over the input.
/// </para>
/// <para>
/// Saving: the run directory is the artifact. <see cref="ICanSaveModel.Save"/> refuses (an ML.NET model file
/// cannot carry the run's verified files); keep the run directory and <see cref="Load"/> it again.
/// </para>
/// </summary>
public sealed class ClvMLRunTransformer : ITransformer
{
    private ClvMLRunTransformer(RunScorer scorer) => Scorer = scorer;

    /// <summary>Opens and verifies the run at <paramref name="runDirectory"/> as <see cref="SavedRun.Open"/> does, and loads its models.</summary>
    /// <exception cref="RunIntegrityException">The run is missing, incomplete, altered or too new.</exception>
    public static ClvMLRunTransformer Load(string runDirectory) => new(RunScorer.Open(runDirectory));

    /// <summary>A transformer over an opened run.</summary>
    public static ClvMLRunTransformer For(SavedRun run) => new(RunScorer.For(run));

    /// <summary>The run's scorer (the run, its time unit, the score column names).</summary>
    public RunScorer Scorer { get; }

    /// <summary>False: see the class remarks.</summary>
    public bool IsRowToRowMapper => false;

    /// <summary>The input's columns followed by the score columns (double; text for cluster_label, rfm_code and rfm_segment).</summary>
    /// <exception cref="InputException">The input lacks a feature column the run reads, or has one of the wrong type.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        DataViewFeatureReader.Plan(inputSchema, Scorer.ImportOptions);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        foreach (var column in Scorer.Columns)
            builder.AddColumn(column.Name, column.IsText ? TextDataViewType.Instance : NumberDataViewType.Double);
        return builder.ToSchema();
    }

    /// <summary>Not supported: a row's scores depend on the other rows (see the class remarks).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new NotSupportedException("A ClvML run scores a whole table at once (RFM segments rank each customer within the rows scored), " +
            "so it has no row-to-row mapper and cannot make a prediction engine; call Transform on an IDataView of all the customers to score.");

    /// <summary>
    /// The input with the score columns appended. The schema is checked now; the scores are computed when a
    /// cursor first reads one of them (a refused value throws then, naming the column and the row).
    /// </summary>
    /// <exception cref="InputException">The input lacks a feature column the run reads, or has one of the wrong type.</exception>
    public IDataView Transform(IDataView input)
    {
        var schema = GetOutputSchema(input.Schema);
        return new ScoredDataView(input, schema, () => Scorer.ScoreColumnsOf(Scorer.ReadFeatures(input)));
    }

    /// <summary>The transformer as an estimator whose <c>Fit</c> returns it, to append to an ML.NET estimator pipeline.</summary>
    public ClvMLRunEstimator AsEstimator() => new(this);

    /// <summary>Refuses: the run directory is the artifact (see the class remarks).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException($"A ClvML run is not saved into an ML.NET model file: the run directory {Scorer.Run.Path} is the artifact " +
            "(its files are hashed and verified when loaded). Save the ML.NET part of the pipeline without it, keep the run directory, " +
            "and load it with ClvMLRunTransformer.Load(runDirectory).");
}
