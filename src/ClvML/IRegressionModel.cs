using ClvML.Features;

namespace ClvML;

/// <summary>A fitted model that predicts one number per row: what AutoML, the run directory and scoring need of a regressor.</summary>
public interface IRegressionModel
{
    /// <summary>Short name of the model family (gbdt, ridge).</summary>
    string Kind { get; }

    /// <summary>The features the model reads, by name.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>One prediction per row of <paramref name="features"/> (columns matched by name).</summary>
    double[] Predict(FeatureMatrix features);

    /// <summary>Saves the model as a versioned JSON file.</summary>
    void Save(string path);
}
