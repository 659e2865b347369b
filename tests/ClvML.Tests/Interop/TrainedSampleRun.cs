using System.Globalization;
using ClvML.Features;
using ClvML.Persistence;
using ClvML.Scoring;
using ClvML.Tests.Cli;
using ClvML.Training;

namespace ClvML.Tests.Interop;

/// <summary>
/// A small run trained once by <c>clvml train</c> with every scoring stage (BG/NBD with Gamma-Gamma, k-means,
/// RFM segments, the default regressor), a second sample scored by <c>clvml score</c>, and the feature table
/// that command scored (built as it builds it), for comparing the interop paths with the command's file.
/// </summary>
public sealed class TrainedSampleRun : IDisposable
{
    public static readonly DateOnly AsOf = new(2025, 12, 31);

    private const string Yaml = """
        run:
          name: interop
          seed: 42
        data:
          source: sample
          sample:
            customers: 2000
          columns:
            order_id: order_id
        features:
          time_unit: week
          purchase_period: day
          calibration_end: 2025-06-30
          observation_end: 2025-12-31
        segmentation:
          k: 3
          restarts: 2
        regression:
          automl:
            enabled: false
        evaluation:
          report: []
        """;

    public TrainedSampleRun()
    {
        Cli = new CliRun();
        var config = Cli.Write("train.yaml", Yaml);
        Assert.True(Cli.Run("train", "--config", config, "--output-dir", Cli.Path_("models")) == 0, Cli.Stderr);
        RunPath = Cli.Stdout.Trim().Split('\n')[^1].Trim();
        Assert.Equal(0, Cli.Run("simulate", "--customers", "1200", "--seed", "9", "--output", Cli.Path_("tx.csv")));
        var asOf = AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.True(Cli.Run("score", "--run", RunPath, "--input", Cli.Path_("tx.csv"), "--as-of", asOf, "--output", Cli.Path_("scores.csv")) == 0, Cli.Stderr);
        ScoresCsv = File.ReadAllLines(Cli.Path_("scores.csv"));

        // The features `clvml score` computed: the run's mapping over the input, as of the date, no holdout.
        var request = new ScoringRequest { InputPath = Cli.Path_("tx.csv"), OutputPath = Cli.Path_("scores.csv"), AsOf = AsOf };
        var scoring = ScoringInput.Config(SavedRun.Open(RunPath), request);
        Features = FeatureJob.Build(scoring, Cli.Folder, Cli.Path_("features.rejects.csv"), out _, fingerprint: false).Table;
    }

    internal CliRun Cli { get; }
    public string RunPath { get; }
    /// <summary>The lines of the scores file <c>clvml score</c> wrote.</summary>
    public string[] ScoresCsv { get; }
    /// <summary>The feature table of the scored customers, in the scores file's order.</summary>
    public CustomerFeatureTable Features { get; }

    public IReadOnlyList<string> Header => ScoresCsv[0].Split(',');

    /// <summary>The fields of each customer's row of the scores file.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows => [.. ScoresCsv.Skip(1).Select(SplitCsv)];

    public void Dispose() => Cli.Dispose();

    /// <summary>
    /// Asserts that <paramref name="read"/> gives, for each customer of the scores file in order, the same
    /// customer id and the same value in every score column: doubles to the bit (the file writes round-trip
    /// doubles), text as written. <paramref name="read"/> returns (customer id, score column name -> value).
    /// </summary>
    public void AssertScoresEqualFile(IReadOnlyList<(string Id, IReadOnlyDictionary<string, object> Scores)> read)
    {
        var header = Header;
        var rows = Rows;
        Assert.Equal(rows.Count, read.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i][0], read[i].Id);
            for (var c = 1; c < header.Count; c++)
            {
                var value = read[i].Scores[header[c]];
                if (value is double number)
                    Assert.True(BitConverter.DoubleToInt64Bits(double.Parse(rows[i][c], CultureInfo.InvariantCulture)) == BitConverter.DoubleToInt64Bits(number),
                        $"customer {rows[i][0]}, {header[c]}: file {rows[i][c]}, interop {number.ToString("R", CultureInfo.InvariantCulture)}");
                else Assert.Equal(rows[i][c], (string)value);
            }
        }
    }

    private static IReadOnlyList<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (ch == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
            else if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(ch);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
