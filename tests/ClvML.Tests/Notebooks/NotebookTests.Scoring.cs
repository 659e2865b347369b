using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClvML.Interop;
using ClvML.Persistence;
using ClvML.Scoring;

namespace ClvML.Tests.Notebooks;

public sealed partial class NotebookTests
{
    private const string Scoring = "05-scoring-and-mlnet-pipelines.ipynb";

    /// <summary>
    /// The scoring notebook's numbers against a scoring of the same transactions with the notebook's saved run, made
    /// here with <see cref="BatchScorer"/> (what <c>clvml score</c> runs): the row accounting, the scores file, the
    /// customers with the highest predicted spend by all four of the notebook's paths (its scores.csv, RunScorer, the
    /// ML.NET pipeline with the run inside, model.zip loaded by ML.NET alone), the columns the pipeline appended, the
    /// columns model.zip reads, and the notebook's own counts of agreeing customers.
    /// </summary>
    [Fact]
    public async Task The_scoring_notebook_shows_the_scores_clvml_score_computes_by_every_path()
    {
        var outcome = await RanAsync(Scoring);
        var runPath = Assert.Single(RunPaths(outcome));
        var work = Path.GetDirectoryName(Path.GetDirectoryName(runPath))!;
        var folder = Directory.CreateTempSubdirectory("clvml-notebook-scoring-");
        try
        {
            var scoresPath = Path.Combine(folder.FullName, "scores.csv");
            var scored = BatchScorer.Score(SavedRun.Open(runPath), new ScoringRequest
            {
                InputPath = Path.Combine(work, "transactions.csv"),
                OutputPath = scoresPath,
                AsOf = new DateOnly(2025, 12, 31),
            });
            var text = Outputs(outcome, "text/plain").ToList();

            var accounting = text.Select(v => ScoredLine().Match(v)).Single(m => m.Success);
            long Count(int group) => long.Parse(accounting.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            Assert.Equal(scored.Customers, Count(1));
            Assert.Equal(scored.RowsRead, Count(2));
            Assert.Equal(scored.RowsAccepted, Count(3));
            Assert.Equal(scored.RowsRejected, Count(4));
            Assert.Equal(Count(2), Count(3) + Count(4));
            Assert.True(Count(4) > 0, "the sample's malformed rows are rejected");
            Assert.Equal(File.ReadAllBytes(scoresPath), File.ReadAllBytes(Path.Combine(work, "scores.csv")));

            var lines = File.ReadAllLines(scoresPath);
            var header = lines[0].Split(',');
            var byCustomer = lines.Skip(1).Select(Fields).ToDictionary(f => f[0], StringComparer.Ordinal);
            double Spend(string customer) => Number(byCustomer[customer][Array.IndexOf(header, "predicted_spend")]);
            Assert.Contains($"{scored.Customers:N0} of {scored.Customers:N0} customers have the same customer id, predicted spend and RFM segment as in scores.csv", text);
            Assert.Contains($"ML.NET's Score equals scores.csv's predicted_spend for {scored.Customers:N0} of {scored.Customers:N0} customers", text);

            var rows = Csv(outcome, "Customer,ScoresCsv,RunScorer,Pipeline,MLNetModel,Segment");
            var highest = byCustomer.Keys.OrderByDescending(Spend).Take(8).ToList();
            Assert.Equal(highest.Select(Spend), rows.Select(r => Number(r[1])));
            foreach (var row in rows)
            {
                Assert.All(row[1..5], value => Assert.Equal(Spend(row[0]), Number(value)));
                // ML.NET predicts in single precision; the value is a float widened to double.
                Assert.Equal(Spend(row[0]), (double)(float)Spend(row[0]));
                Assert.Equal(byCustomer[row[0]][Array.IndexOf(header, "rfm_segment")], row[5]);
            }
            Assert.True(Spend(highest[0]) > 0);

            var scoreColumns = RunScorer.Open(runPath).ScoreColumnNames;
            Assert.Equal(header.Skip(1), scoreColumns);
            Assert.Contains($"appended columns: {string.Join(", ", ["orders_double", .. scoreColumns, "spend_scaled", "segment_key"])}", text);

            // The columns model.zip reads are the regression inputs the training wrote down.
            using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(runPath, "regression", "metrics.json")));
            var inputs = metrics.RootElement.GetProperty("inputs").EnumerateArray().Select(e => e.GetString()!).ToList();
            var modelInput = Csv(outcome, "Column,Type");
            Assert.Equal(inputs, modelInput.Select(r => r[0]));
            Assert.All(modelInput, r => Assert.Equal("Double", r[1]));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"^([\d,]+) customers scored; rows read ([\d,]+) = accepted ([\d,]+) \+ rejected ([\d,]+)$")]
    private static partial Regex ScoredLine();
}
