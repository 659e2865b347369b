using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClvML.Interop;

/// <summary>
/// A saved run in an ML.NET estimator pipeline (<c>mlContext.Transforms....Append(transformer.AsEstimator())</c>):
/// there is nothing to learn, so <see cref="Fit"/> checks the data's schema and returns the run's transformer.
/// </summary>
public sealed class ClvMLRunEstimator : IEstimator<ClvMLRunTransformer>
{
    private readonly ClvMLRunTransformer _transformer;

    internal ClvMLRunEstimator(ClvMLRunTransformer transformer) => _transformer = transformer;

    /// <summary>The run's transformer, after checking that <paramref name="input"/> has the feature columns the run reads.</summary>
    /// <exception cref="InputException">A feature column the run reads is missing or of the wrong type.</exception>
    public ClvMLRunTransformer Fit(IDataView input)
    {
        _transformer.GetOutputSchema(input.Schema);
        return _transformer;
    }

    /// <summary>The input's columns with the score columns added (doubles; text for cluster_label, rfm_code and rfm_segment).</summary>
    /// <exception cref="InputException">A feature column the run reads is missing or of the wrong type.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var scorer = _transformer.Scorer;
        DataViewFeatureReader.Plan(inputSchema, scorer.ImportOptions);
        // ML.NET gives no public way to make a SchemaShape column, so each score column's shape is that of a
        // type conversion of the (present and numeric) frequency column to the score's type: a scalar double or text.
        var frequency = Features.FeatureSchema.Frequency.Name;
        var context = new MLContext();
        var shape = inputSchema;
        foreach (var column in scorer.Columns)
            shape = context.Transforms.Conversion.ConvertType(column.Name, frequency, column.IsText ? DataKind.String : DataKind.Double).GetOutputSchema(shape);
        return shape;
    }
}
