using ClvML.Configuration;
using ClvML.Data;
using ClvML.Persistence;

namespace ClvML.Scoring;

/// <summary>
/// The run's data settings adapted to a scoring input: the run's column mapping with the request's
/// overrides, the input path, and features as of the scoring date with no holdout. The input's
/// header is checked against the mapping first, so a file of another shape is refused with the
/// columns it lacks, the columns it has, and how to map them.
/// </summary>
internal static class ScoringInput
{
    private static readonly string[] MappingKeys = ["customer_id", "timestamp", "amount", "quantity", "unit_price", "order_id"];

    public static TrainConfig Config(SavedRun run, ScoringRequest request)
    {
        var trained = run.Config;
        foreach (var key in request.ColumnMap.Keys)
            if (!MappingKeys.Contains(key))
                throw new InputException($"--map {key}=...: unknown mapping key '{key}'; known keys: {string.Join(", ", MappingKeys)}.");
        var c = trained.Data.Columns;
        // An empty column name unmaps an optional column (an input without order ids, say).
        string? Mapped(string key, string? current) => request.ColumnMap.TryGetValue(key, out var name) ? (name.Length == 0 ? null : name) : current;
        foreach (var key in (string[])["customer_id", "timestamp"])
            if (request.ColumnMap.TryGetValue(key, out var name) && name.Length == 0)
                throw new InputException($"--map {key}=: {key} cannot be unmapped; name the input's column.");
        var columns = c with
        {
            CustomerId = Mapped("customer_id", c.CustomerId)!,
            Timestamp = Mapped("timestamp", c.Timestamp)!,
            Amount = Mapped("amount", c.Amount),
            Quantity = Mapped("quantity", c.Quantity),
            UnitPrice = Mapped("unit_price", c.UnitPrice),
            OrderId = Mapped("order_id", c.OrderId),
            // Attributes only label customers in the training outputs; no model reads them.
            Attributes = [],
        };
        var data = trained.Data with
        {
            Source = IsParquet(request.InputPath) ? DataSourceKind.Parquet : DataSourceKind.Csv,
            Path = Path.GetFullPath(request.InputPath),
            Columns = columns,
            TimestampFormats = request.TimestampFormats.Count > 0 ? request.TimestampFormats : trained.Data.TimestampFormats,
        };
        var features = trained.Features with { CalibrationEnd = request.AsOf, ObservationEnd = request.AsOf, Holdout = null };
        var config = trained with { Data = data, Features = features };
        CheckHeader(config, run, request);
        return config;
    }

    private static void CheckHeader(TrainConfig config, SavedRun run, ScoringRequest request)
    {
        var data = config.Data;
        if (!File.Exists(data.Path)) throw new InputException($"{request.InputPath}: no such input file.");
        if (data.Source == DataSourceKind.Parquet)
        {
            CheckParquetColumns(config, run, request);
            return;
        }
        if (!data.Header) return; // column_names from the run name the columns; the reader checks the field count
        using var file = InputFile.Open(data.Path!, data.Compression);
        using var reader = new StreamReader(file.Content);
        string? line;
        do line = reader.ReadLine();
        while (line is not null && line.Trim().Length == 0);
        if (line is null) throw new InputException($"{request.InputPath}: the file is empty.");
        var names = (data.Delimiter == DataSettings.WhitespaceDelimiter
                ? line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                : line.Split(data.Delimiter))
            .Select(n => n.Trim().Trim('"')).ToHashSet(StringComparer.Ordinal);
        Refuse(config, run, request, names);
    }

    /// <summary>A <c>.parquet</c> input is read as Parquet whatever the run was trained on.</summary>
    private static bool IsParquet(string path) => path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    private static void CheckParquetColumns(TrainConfig config, SavedRun run, ScoringRequest request)
    {
        if (config.Data.Kind == DataKind.Summary)
            throw new InputException($"{request.InputPath}: the run was trained on a per-customer summary (data.kind: summary), which ClvML reads from CSV only; give a CSV input.");
        using var reader = Data.Parquet.ParquetFileReader.Open(config.Data.Path!);
        Refuse(config, run, request, reader.Schema.Leaves.Select(c => c.Name).ToHashSet(StringComparer.Ordinal));
    }

    private static void Refuse(TrainConfig config, SavedRun run, ScoringRequest request, HashSet<string> names)
    {
        var data = config.Data;
        var c = data.Columns;
        var required = data.Kind == DataKind.Summary
            ? new (string, string?)[] { ("customer_id", c.CustomerId), ("frequency", c.Frequency), ("recency", c.Recency), ("t", c.T), ("monetary_value", c.MonetaryValue) }
            : new (string, string?)[] { ("customer_id", c.CustomerId), ("timestamp", c.Timestamp), ("amount", c.Amount), ("quantity", c.Quantity), ("unit_price", c.UnitPrice), ("order_id", c.OrderId) };
        var missing = required.Where(r => r.Item2 is not null && !names.Contains(r.Item2)).ToList();
        if (missing.Count == 0) return;
        throw new InputException(
            $"{request.InputPath}: the run {Path.GetFileName(run.Path)} reads column{(missing.Count > 1 ? "s" : "")} " +
            string.Join(", ", missing.Select(m => $"'{m.Item2}' (data.columns.{m.Item1})")) +
            $", which the input lacks; its columns are {string.Join(", ", names.Order(StringComparer.Ordinal))}. " +
            $"The run was trained on {run.Manifest.Data.Source}; map the input's columns with " +
            string.Join(" ", missing.Select(m => $"--map {m.Item1}=<column>")) + " (and --timestamp-format if its dates are written differently).");
    }
}
