using ClvML.Features;
using ClvML.Models;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClvML.MLNet;

/// <summary>
/// A fitted ML.NET regression pipeline: feature columns by name -> float -> <c>Features</c> -> the trainer's model ->
/// <c>Score</c> clamped to the training targets' range. Immutable. Saved with <c>MLContext.Model.Save</c> as an ML.NET
/// model file (a zip) whose input schema is the feature columns as doubles, so a plain ML.NET program that loads it
/// and transforms an <see cref="IDataView"/> with those columns reads in <c>Score</c> exactly what
/// <see cref="Predict(FeatureMatrix, Span{double})"/> returns (widened from float to double).
/// </summary>
public sealed class MLNetRegressionModel : IRegressionModel
{
    /// <summary>The version of the model file this build writes and the newest it reads (the ML.NET zip has versions of its own inside).</summary>
    public const int FormatVersion = 1;

    private readonly MLContext _ml;
    private readonly ITransformer _model;

    internal MLNetRegressionModel(string kind, IReadOnlyList<string> featureNames, MLContext ml, ITransformer model)
    {
        Kind = kind;
        FeatureNames = [.. featureNames];
        _ml = ml;
        _model = model;
    }

    /// <inheritdoc />
    public string Kind { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The ML.NET pipeline, for use in a user's own ML.NET code (input: the feature columns as doubles; output: <c>Score</c>).</summary>
    public ITransformer Transformer => _model;

    /// <inheritdoc />
    public void Predict(FeatureMatrix features, Span<double> destination)
    {
        if (destination.Length != features.RowCount) throw new ArgumentException($"{destination.Length} destinations for {features.RowCount} rows.", nameof(destination));
        var columns = MLNetInput.ColumnsByName(features, FeatureNames);
        MLNetInput.CheckFinite(FeatureNames, columns);
        if (features.RowCount == 0) return;
        var output = _model.Transform(new FeatureMatrixDataView(FeatureNames, columns, features.RowCount));
        // The score is a float: ML.NET's trees and linear models sum in single precision, so a prediction carries
        // about 7 significant digits; it is widened to double exactly.
        MLNetPipeline.ReadSingles(output, MLNetPipeline.ScoreColumn, destination);
    }

    /// <inheritdoc />
    public double PredictRow(ReadOnlySpan<double> row)
    {
        if (row.Length != FeatureNames.Count) throw new ArgumentException($"{row.Length} values for {FeatureNames.Count} features.", nameof(row));
        var columns = new double[row.Length][];
        for (var f = 0; f < row.Length; f++) columns[f] = [row[f]];
        var prediction = new double[1];
        Predict(new FeatureMatrix(FeatureNames, columns), prediction);
        return prediction[0];
    }

    /// <inheritdoc />
    public void Save(string path) => ModelZip.Save(_ml, _model, InputSchema(FeatureNames), path);

    /// <summary>
    /// Loads a model file written by <see cref="Save"/> as a model of <paramref name="kind"/>; a file that is not an
    /// ML.NET regression pipeline over named double columns is an <see cref="InputException"/> naming it.
    /// </summary>
    public static MLNetRegressionModel Load(string path, string kind)
    {
        var ml = new MLContext();
        ITransformer model;
        DataViewSchema input;
        try
        {
            model = ml.Model.Load(path, out input);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or IOException and not FileNotFoundException)
        {
            throw new InputException($"{path}: not a valid ML.NET model file ({e.Message}).", e);
        }
        var names = input.Select(c => c.Name).ToArray();
        if (names.Length == 0 || input.Any(c => c.Type != NumberDataViewType.Double))
            throw new InputException($"{path}: the ML.NET model's input is not named double feature columns; it was not written by ClvML.");
        var output = model.GetOutputSchema(input).GetColumnOrNull(MLNetPipeline.ScoreColumn);
        if (output is not { Type: var type } || type != NumberDataViewType.Single)
            throw new InputException($"{path}: the ML.NET model has no float '{MLNetPipeline.ScoreColumn}' column; it is not a regression model.");
        return new MLNetRegressionModel(kind, names, ml, model);
    }

    private static DataViewSchema InputSchema(IReadOnlyList<string> names)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var name in names) builder.AddColumn(name, NumberDataViewType.Double);
        return builder.ToSchema();
    }
}
