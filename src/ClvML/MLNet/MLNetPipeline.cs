using System.Globalization;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClvML.MLNet;

/// <summary>
/// The parts every ClvML pipeline over ML.NET shares, all of them ML.NET's own transforms so that a saved model
/// loads in a plain ML.NET program: the input mapping (each feature a double column under its own name, converted to
/// single precision and concatenated into <see cref="FeaturesColumn"/>), the clamp of the score to the training
/// targets' range, and a fit that honours a <see cref="CancellationToken"/>.
/// </summary>
internal static class MLNetPipeline
{
    /// <summary>The vector column the trainers read.</summary>
    public const string FeaturesColumn = "Features";
    /// <summary>The label column of a fit.</summary>
    public const string LabelColumn = "Label";
    /// <summary>The example-weight column of a weighted fit.</summary>
    public const string WeightColumn = "Weight";
    /// <summary>The regression trainers' output, replaced by its clamped value: what a saved model predicts.</summary>
    public const string ScoreColumn = "Score";

    /// <summary>
    /// Feature columns (double, by name) -> single precision -> one vector. Precision is lost here: every input is
    /// rounded to the nearest float (24-bit significand, about 7 significant digits), as ML.NET's trainers and
    /// models compute in single precision.
    /// </summary>
    public static IEstimator<ITransformer> InputMapping(MLContext ml, IReadOnlyList<string> names) =>
        ml.Transforms.Conversion.ConvertType([.. names.Select(n => new InputOutputColumnPair(n))], DataKind.Single)
            .Append(ml.Transforms.Concatenate(FeaturesColumn, [.. names]));

    /// <summary>
    /// The score held to <paramref name="range"/> by ML.NET's Expression transform (the same rule as
    /// <see cref="TargetRange.Clamp"/>; NaN stays NaN). The bounds are rounded to float, the score's type, and written
    /// as the exact decimal value of that float, so the saved expression parses back to the very same bounds.
    /// </summary>
    public static IEstimator<ITransformer> Clamp(MLContext ml, TargetRange range)
    {
        var expression = "x => x";
        var low = (float)range.Minimum;
        var high = (float)range.Maximum;
        if (float.IsFinite(high)) expression = $"x => x > {Literal(high)} ? {Literal(high)} : x";
        if (float.IsFinite(low))
            expression = float.IsFinite(high)
                ? $"x => x < {Literal(low)} ? {Literal(low)} : (x > {Literal(high)} ? {Literal(high)} : x)"
                : $"x => x < {Literal(low)} ? {Literal(low)} : x";
        return ml.Transforms.Expression(ScoreColumn, expression, ScoreColumn);
    }

    // The double nearest a float is the float itself, and its shortest round-trip text reads back, as float or double, to it.
    private static string Literal(float value) => ((double)value).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Fits <paramref name="pipeline"/> on <paramref name="data"/>, stopping when <paramref name="cancellation"/> fires:
    /// with an <see cref="OperationCanceledException"/> whatever ML.NET threw on the way out. A configuration or data
    /// ML.NET refuses (its <see cref="InvalidOperationException"/>) becomes an <see cref="ArgumentException"/>, which
    /// the search records as a failed trial instead of ending the run.
    /// </summary>
    public static ITransformer Fit(MLContext ml, IEstimator<ITransformer> pipeline, IDataView data, string trainer, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        using var registration = cancellation.Register(() => CancelExecution(ml));
        try
        {
            return pipeline.Fit(data);
        }
        catch (Exception e) when (cancellation.IsCancellationRequested && e is not OperationCanceledException)
        {
            throw new OperationCanceledException($"{trainer}: the fit was cancelled.", e, cancellation);
        }
        catch (InvalidOperationException e) when (!cancellation.IsCancellationRequested)
        {
            throw new ArgumentException($"{trainer}: ML.NET refused the fit: {e.Message}", e);
        }
    }

    /// <summary>
    /// ML.NET stops a running fit through <c>MLContext.CancelExecution</c>, which its public API does not expose
    /// (ML.NET's own AutoML, a friend assembly, calls it to end a trial); it is reached by reflection, and ML.NET's
    /// trainers then throw an <see cref="OperationCanceledException"/> at their next check (every boosting iteration).
    /// </summary>
    private static void CancelExecution(MLContext ml) => CancelMethod.Invoke(ml, null);

    private static readonly MethodInfo CancelMethod =
        typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes)
        ?? throw new MissingMethodException("This version of ML.NET has no MLContext.CancelExecution; ClvML cannot stop its fits on time.");

    /// <summary>The float column <paramref name="column"/> of <paramref name="output"/>, widened into <paramref name="destination"/> row by row.</summary>
    public static void ReadSingles(IDataView output, string column, Span<double> destination)
    {
        var col = output.Schema[column];
        using var cursor = output.GetRowCursor([col]);
        var getter = cursor.GetGetter<float>(col);
        var value = 0f;
        var i = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            destination[i++] = value;
        }
        if (i != destination.Length) throw new InvalidOperationException($"ML.NET returned {i} predictions for {destination.Length} rows.");
    }
}
