using ClvML.Features;

namespace ClvML.Models;

/// <summary>
/// A fitted regressor: immutable, it predicts one number per row and saves itself as a versioned file.
/// What AutoML, the run directory, scoring and the conformance tests need of every regressor, ClvML's own
/// and ML.NET's alike; its <c>RegressorKind</c> in the model registry says how to load it back.
/// </summary>
public interface IRegressionModel
{
    /// <summary>The registry name of the model's kind (gbdt, ridge, mlnet_fasttree, ...).</summary>
    string Kind { get; }

    /// <summary>The features the model reads, by name, in the order <see cref="PredictRow"/> expects them.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>
    /// Writes one prediction per row of <paramref name="features"/> (columns matched by name; extra columns
    /// are ignored) into <paramref name="destination"/>, whose length must be the row count.
    /// </summary>
    /// <exception cref="ArgumentException">A feature is missing, a value is NaN or infinite, or the destination has the wrong length.</exception>
    void Predict(FeatureMatrix features, Span<double> destination);

    /// <summary>The prediction for one row given as <see cref="FeatureNames"/>-ordered values.</summary>
    double PredictRow(ReadOnlySpan<double> row);

    /// <summary>One prediction per row of <paramref name="features"/>.</summary>
    double[] Predict(FeatureMatrix features)
    {
        var predictions = new double[features.RowCount];
        Predict(features, predictions);
        return predictions;
    }

    /// <summary>Saves the model to <paramref name="path"/> in its kind's current format version.</summary>
    void Save(string path);
}
