using System.Globalization;
using System.Text;
using ClvML.Features;
using ClvML.Scoring;

namespace ClvML.Tests.Scoring;

/// <summary>
/// The scores CSV byte for byte against text built the slow way (string ids quoted by hand, numbers by
/// <c>ToString("R")</c>): ids plain, quoted and non-ASCII, numbers repeated often enough to be remembered and
/// rarely enough to be evicted, a column equal to another, coded columns, over several blocks of rows.
/// </summary>
public sealed class ScoreColumnsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_scores_file_is_exactly_the_round_trip_text_of_every_value_with_ids_quoted_as_csv_needs(bool idsAsUtf8)
    {
        const int n = 30_000;
        var random = new Random(5);
        var ids = Enumerable.Range(0, n).Select(i => (i % 11) switch
        {
            0 => $"C{i},x",
            1 => $"say \"{i}\"",
            2 => $"Zoë-{i}",
            3 => $"line\n{i}",
            4 => $"客户{i}",
            5 => $"{new string('L', 70)}-{i}",
            _ => $"C{i:D7}",
        }).ToList();
        // Half the rows share one value, the rest are drawn from 5,000 values or are all different.
        var repeated = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 32.07236917124178 : Math.Round(random.NextDouble() * 5000) / 7).ToArray();
        var distinct = Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-7, 17))).ToArray();
        distinct[3] = 0.0;
        distinct[4] = -0.0;
        var same = (double[])repeated.Clone();
        var codes = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
        var labels = new[] { "low", "mid, cooling", "high \"vip\"" };
        var window = new FeatureWindow(null, null, null, null);
        // As a feature build keeps them (UTF-8 in one arena, copied without strings) or as strings.
        IReadOnlyList<string> idList = ids;
        if (idsAsUtf8)
        {
            var utf8 = ids.Select(Encoding.UTF8.GetBytes).ToList();
            var start = new int[n];
            for (var i = 1; i < n; i++) start[i] = start[i - 1] + utf8[i - 1].Length;
            idList = new CustomerIdList([.. utf8.SelectMany(b => b)], start, [.. utf8.Select(b => b.Length)]);
        }
        var table = new CustomerFeatureTable(idList, new double[n], new double[n], new double[n], new double[n], TimeUnit.Week, window);
        var columns = new ScoreColumns(table);
        columns.AddCoded("p", codes, [0.5, 1, 1.0 / 3]);
        columns.Add("repeated", repeated);
        columns.Add("distinct", distinct);
        columns.Add("same", same);
        columns.AddCoded("label", codes, labels);

        var expected = new StringBuilder("customer_id,p,repeated,distinct,same,label\n");
        for (var i = 0; i < n; i++)
        {
            var id = ids[i].Contains(',') || ids[i].Contains('"') || ids[i].Contains('\n') ? $"\"{ids[i].Replace("\"", "\"\"")}\"" : ids[i];
            var label = labels[codes[i]].Contains(',') || labels[codes[i]].Contains('"') ? $"\"{labels[codes[i]].Replace("\"", "\"\"")}\"" : labels[codes[i]];
            expected.Append(CultureInfo.InvariantCulture, $"{id},{new[] { 0.5, 1, 1.0 / 3 }[codes[i]]:R},{repeated[i]:R},{distinct[i]:R},{same[i]:R},{label}\n");
        }
        var path = Path.Combine(Path.GetTempPath(), $"clvml-scorecolumns-{Guid.NewGuid():N}.csv");
        try
        {
            columns.Write(path);
            var written = File.ReadAllBytes(path);
            var wanted = Encoding.UTF8.GetBytes(expected.ToString());
            Assert.Equal(wanted.Length, written.Length);
            Assert.True(wanted.AsSpan().SequenceEqual(written), "the scores file differs from the expected text");
            Assert.Contains("\"say \"\"1\"\"\",", File.ReadAllText(path));
            Assert.Contains("\nZoë-2,", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
