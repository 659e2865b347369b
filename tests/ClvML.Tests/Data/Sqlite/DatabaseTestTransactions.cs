using System.Globalization;
using ClvML.Configuration;
using ClvML.Data.Tables;
using ClvML.Features;
using ClvML.Training;

namespace ClvML.Tests.Data.Sqlite;

/// <summary>
/// A small transaction log for the database tests, with non-ASCII ids and attribute values, doubles
/// that do not round-trip through short decimals, and exactly one row of each bad kind a database
/// can hold: no customer, a timestamp that does not parse, an amount that is not a number.
/// </summary>
internal static class DatabaseTestTransactions
{
    /// <summary>(customer_id, date, amount, country) as text; null is SQL NULL (an empty CSV field).</summary>
    public static readonly (string? Customer, string Date, string Amount, string Country)[] Rows =
    [
        ("Zoë", "2024-01-05", "10.10", "Österreich"),
        ("Zoë", "2024-02-11", "20.20", "Österreich"),
        ("Zoë", "2024-02-20", "0.30000000000000004", "Österreich"),
        ("李雷", "2024-01-20", "33.33", "中国"),
        ("李雷", "2024-03-02", "1e-7", "中国"),
        ("c3", "2024-02-03", "5", "GB"),
        ("c3", "2024-04-15", "7.25", "GB"),
        ("c4", "2024-03-30", "12", "GB"),
        (null, "2024-01-07", "5.00", "GB"),
        ("c5", "2024-13-45", "5.00", "GB"),
        ("c6", "2024-01-09", "abc", "GB"),
    ];

    /// <summary>The rows that cannot be used, one per reason, counted by hand from <see cref="Rows"/>.</summary>
    public static readonly Dictionary<string, long> ExpectedRejects = new() { ["missing_customer_id"] = 1, ["unparseable_timestamp"] = 1, ["bad_amount"] = 1 };

    /// <summary>The rows as a CSV file's text.</summary>
    public static string Csv() => "customer_id,date,amount,country\n" + string.Concat(Rows.Select(r => $"{r.Customer},{r.Date},{r.Amount},{r.Country}\n"));

    /// <summary>The amount as a number when it is one, for typed tables.</summary>
    public static double? Number(string amount) =>
        double.TryParse(amount, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A config reading <paramref name="dataYaml"/> (the source keys, indented by two) with a calibration/holdout split.</summary>
    public static string Config(string dataYaml) => $"""
        data:
        {dataYaml}
          columns:
            customer_id: customer_id
            timestamp: date
            amount: amount
            attributes: [country]
        features:
          time_unit: day
          calibration_end: 2024-03-31
          observation_end: 2024-04-30
        """;

    /// <summary>Builds the features the way <c>clvml features</c> does, from a config text whose relative paths resolve in <paramref name="folder"/>.</summary>
    public static (ColumnTable Features, FeatureBuildResult Built) Build(string configYaml, string folder)
    {
        var config = TrainConfigLoader.Parse(configYaml, Path.Combine(folder, "train.yaml"));
        var built = FeatureJob.Build(config, folder, Path.Combine(folder, "rejects-" + Guid.NewGuid().ToString("N") + ".csv"), out _);
        return (FeatureColumnTable.From(built.Table), built);
    }

    /// <summary>Asserts two feature tables are the same, doubles bit for bit.</summary>
    public static void AssertSameTable(ColumnTable expected, ColumnTable actual)
    {
        Assert.Equal(expected.Columns.Select(c => (c.Name, c.Kind)), actual.Columns.Select(c => (c.Name, c.Kind)));
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (var c = 0; c < expected.Columns.Count; c++)
        {
            var (e, a) = (expected.Columns[c], actual.Columns[c]);
            switch (e.Kind)
            {
                case TableColumnKind.Text: Assert.Equal(e.Text!, a.Text!); break;
                case TableColumnKind.Integer: Assert.Equal(e.Integers.ToArray(), a.Integers.ToArray()); break;
                case TableColumnKind.Real:
                    Assert.Equal(e.Reals.ToArray().Select(BitConverter.DoubleToInt64Bits), a.Reals.ToArray().Select(BitConverter.DoubleToInt64Bits));
                    break;
                default: Assert.Equal(e.Dates.ToArray(), a.Dates.ToArray()); break;
            }
        }
    }
}
