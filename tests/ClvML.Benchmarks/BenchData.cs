using ClvML.Data.Sample;

namespace ClvML.Benchmarks;

/// <summary>The synthetic benchmark transaction log, generated once per size and seed and reused.</summary>
internal static class BenchData
{
    /// <summary>Calibration end and observation end of the sample's default period.</summary>
    public static readonly DateOnly CalibrationEnd = new(2025, 6, 30), ObservationEnd = new(2025, 12, 31);

    /// <summary>
    /// Path of the CSV for <paramref name="customers"/> customers (columns customer_id,date,amount,...).
    /// Malformed rows are left out so that pandas can parse the same file in the peer run.
    /// </summary>
    public static string TransactionsCsv(int customers, int seed = 42)
    {
        var folder = Path.Combine(Path.GetTempPath(), "clvml-bench");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"tx-{customers}-{seed}.csv");
        if (File.Exists(path)) return path;
        var options = new SampleOptions { Customers = customers, Seed = seed, MalformedRate = 0 };
        var temporary = path + ".tmp";
        using (var writer = new StreamWriter(temporary, false, new System.Text.UTF8Encoding(false), 1 << 20))
            SampleGenerator.WriteCsv(options, writer);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
