namespace ClvML.Tests;

/// <summary>
/// Locates ../shared/data beside the repository root. When it is missing, a test that needs it
/// fails under CI (CI is set) and is skipped with the reason otherwise.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The repository root (the folder holding ClvML.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "ClvML.sln"))) return dir.FullName;
            throw new InvalidOperationException("ClvML.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Full path of a file under ../shared/data, or a failed/skipped test when it is absent.</summary>
    public static string File(params string[] parts)
    {
        var root = Root.Value;
        var path = root is null ? null : Path.Combine([root, .. parts]);
        if (path is not null && System.IO.File.Exists(path)) return path;
        var reason = $"shared data file {Path.Combine(parts)} not found (looked in {Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"))})";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) Assert.Fail(reason + "; CI is set, so this is a failure.");
        Assert.Skip(reason);
        return null!;
    }

    /// <summary>
    /// The data and features sections for the CDNOW sample as Fader, Hardie &amp; Lee (2005) split it:
    /// weekly units with daily purchase periods, calibration to 1997-09-30, holdout to 1998-06-30.
    /// Top-level YAML (no indentation), for the tests' configs.
    /// </summary>
    public static string CdnowSampleYaml() => $"""
        data:
          source: csv
          path: {File("cdnow", "CDNOW_sample.txt")}
          delimiter: whitespace
          header: false
          column_names: [master_id, customer_id, date, cds, amount]
          timestamp_format: yyyyMMdd
        features:
          time_unit: week
          purchase_period: day
          calibration_end: 1997-09-30
          observation_end: 1998-06-30
        """;

    /// <summary>
    /// The data and features sections for Online Retail: amount = Quantity x UnitPrice, InvoiceNo as
    /// the order id, Country kept per customer, daily units, calibration to 2011-09-08 and a holdout
    /// to the last invoice (or the given units and period ends). Top-level YAML (no indentation), for the tests' configs.
    /// </summary>
    public static string OnlineRetailYaml(string calibrationEnd = "2011-09-08", string timeUnit = "day", string? observationEnd = null) => $"""
        data:
          source: csv
          path: {File("online_retail", "online_retail.csv.gz")}
          columns:
            customer_id: CustomerID
            timestamp: InvoiceDate
            quantity: Quantity
            unit_price: UnitPrice
            order_id: InvoiceNo
            attributes: [Country]
        features:
          time_unit: {timeUnit}
          calibration_end: {calibrationEnd}
        {(observationEnd is null ? "" : $"  observation_end: {observationEnd}")}
        """;

    private static string? FindRoot()
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
        return Directory.Exists(path) ? path : null;
    }
}
