using ClvML.Interop;
using ClvML.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClvML.Tests.Interop;

/// <summary>A saved run as an ML.NET transformer, inside ML.NET pipelines, against <c>clvml score</c>'s file.</summary>
public sealed class RunTransformerTests(TrainedSampleRun run) : IClassFixture<TrainedSampleRun>
{
    [Fact]
    public void Inside_an_estimator_pipeline_the_appended_columns_equal_clvml_score_customer_by_customer()
    {
        var ml = new MLContext(seed: 1);
        var transformer = ClvMLRunTransformer.Load(run.RunPath);
        IDataView features = run.Features.ToDataView();
        // ML.NET steps before and after: a copy of an input column, then a vector of two of the scores.
        var pipeline = ml.Transforms.CopyColumns("frequency_copy", "frequency")
            .Append(transformer.AsEstimator())
            .Append(ml.Transforms.Concatenate("value", "clv", "predicted_spend"));
        var model = pipeline.Fit(features);
        var output = model.Transform(features);

        var names = output.Schema.Select(c => c.Name).ToList();
        Assert.Equal([.. run.Features.ToDataView().Schema.Select(c => c.Name), "frequency_copy", .. run.Header.Skip(1), "value"], names);
        var read = ReadScores(output, run.Header);
        run.AssertScoresEqualFile(read);
        var value = output.GetColumn<VBuffer<double>>("value").Select(v => v.DenseValues().ToArray()).ToList();
        for (var i = 0; i < read.Count; i++) Assert.Equal([(double)read[i].Scores["clv"], (double)read[i].Scores["predicted_spend"]], value[i]);
        Assert.Equal(run.Features.Frequency, output.GetColumn<double>("frequency_copy"));
    }

    [Fact]
    public void Appended_to_a_fitted_chain_it_scores_a_DataFrame_the_same()
    {
        var ml = new MLContext(seed: 1);
        var frame = run.Features.ToDataFrame();
        var fitted = ml.Transforms.CopyColumns("T_copy", "T").Fit(frame);
        var chain = fitted.Append(ClvMLRunTransformer.Load(run.RunPath));
        var output = chain.Transform(frame);
        run.AssertScoresEqualFile(ReadScores(output, run.Header));
        Assert.Equal(run.Features.T, output.GetColumn<double>("T_copy"));
        // Cursors after the first read the kept scores: the same values, with no second scoring.
        run.AssertScoresEqualFile(ReadScores(output, run.Header));
    }

    [Fact]
    public void The_output_schema_is_the_input_then_the_scores_and_row_mapping_and_saving_are_refused_with_the_reason()
    {
        var ml = new MLContext(seed: 1);
        var transformer = ClvMLRunTransformer.Load(run.RunPath);
        var input = run.Features.ToDataView();
        var schema = transformer.GetOutputSchema(input.Schema);
        Assert.Equal([.. input.Schema.Select(c => c.Name), .. run.Header.Skip(1)], schema.Select(c => c.Name));
        Assert.Equal(NumberDataViewType.Double, schema["p_alive"].Type);
        Assert.Equal(TextDataViewType.Instance, schema["rfm_segment"].Type);
        // Each score column's type, known before scoring, is the type scoring gives it.
        var scored = RunScorer.Open(run.RunPath).Score(run.Features);
        foreach (var name in run.Header.Skip(1))
            Assert.True((schema[name].Type is TextDataViewType) == (scored[name] is Microsoft.Data.Analysis.StringDataFrameColumn), name);
        Assert.False(transformer.IsRowToRowMapper);
        Assert.Contains("RFM segments rank each customer within the rows scored", Assert.Throws<NotSupportedException>(() => transformer.GetRowToRowMapper(input.Schema)).Message);

        var chain = ml.Transforms.CopyColumns("f", "frequency").Fit(input).Append(transformer);
        using var stream = new MemoryStream();
        var refused = Assert.ThrowsAny<Exception>(() => ml.Model.Save(chain, input.Schema, stream));
        var messages = string.Join(" | ", Chain(refused).Select(e => e.Message));
        Assert.Contains("A ClvML run is not saved into an ML.NET model file: the run directory " + Path.GetFullPath(run.RunPath) + " is the artifact", messages);
        Assert.Contains("ClvMLRunTransformer.Load(runDirectory)", messages);
    }

    [Fact]
    public void An_input_without_a_column_the_run_reads_is_refused_when_transformed_and_fitted()
    {
        var ml = new MLContext(seed: 1);
        var transformer = ClvMLRunTransformer.Load(run.RunPath);
        var frame = run.Features.ToDataFrame();
        frame.Columns.Remove("orders");
        Assert.Contains("it lacks the column 'orders'", Assert.Throws<InputException>(() => transformer.Transform(frame)).Message);
        var estimator = ml.Transforms.CopyColumns("f", "frequency").Append(transformer.AsEstimator());
        Assert.Contains("it lacks the column 'orders'", Assert.Throws<InputException>(() => estimator.Fit(frame)).Message);

        // A value refused by the reader surfaces when the scores are first read, naming the row.
        var bad = run.Features.ToDataFrame();
        bad["frequency"][5] = double.NaN;
        var output = transformer.Transform(bad);
        var message = Assert.Throws<InputException>(() => output.GetColumn<double>("clv").ToList()).Message;
        Assert.StartsWith($"DataFrame column 'frequency', row 5 (customer '{run.Features.CustomerIds[5]}'): NaN", message);
    }

    [Fact]
    public void Load_verifies_the_run_as_SavedRun_Open_does()
    {
        var copy = Path.Combine(run.Cli.Folder, "tampered-" + Guid.NewGuid().ToString("N"));
        Scoring.ScoringTests.CopyDirectory(run.RunPath, copy);
        var kmeans = Path.Combine(copy, "segments", "kmeans.json");
        File.AppendAllText(kmeans, " ");
        var refused = Assert.Throws<RunIntegrityException>(() => ClvMLRunTransformer.Load(copy));
        Assert.Contains(kmeans, refused.Message);
        Assert.Contains("SHA-256", refused.Message);
        Assert.Throws<RunIntegrityException>(() => ClvMLRunTransformer.Load(Path.Combine(run.Cli.Folder, "no-such-run")));
    }

    /// <summary>Each row's customer id and score columns (those after customer_id in <paramref name="header"/>) from an IDataView.</summary>
    private static List<(string Id, IReadOnlyDictionary<string, object> Scores)> ReadScores(IDataView view, IReadOnlyList<string> header)
    {
        var ids = view.GetColumn<ReadOnlyMemory<char>>("customer_id").Select(v => v.ToString()).ToList();
        var columns = header.Skip(1).ToDictionary(name => name, name => view.Schema[name].Type is TextDataViewType
            ? view.GetColumn<ReadOnlyMemory<char>>(name).Select(v => (object)v.ToString()).ToList()
            : view.GetColumn<double>(name).Select(v => (object)v).ToList());
        return [.. ids.Select((id, i) => (id, (IReadOnlyDictionary<string, object>)columns.ToDictionary(c => c.Key, c => c.Value[i])))];
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e;
    }
}
