using System.CommandLine;
using System.Globalization;
using ClvML.Persistence;
using ClvML.Scoring;

namespace ClvML.Cli;

/// <summary>
/// <c>clvml score --run models/RUN --input tx.csv [--as-of DATE] --output scores.csv|sqlite:PATH|postgres:TABLE [--connection CS] [--map key=column ...]</c>:
/// scores fresh transactions (CSV, optionally gzip, or Parquet) with a saved run. A tampered, missing or too-new run file,
/// or a training's unfinished temporary folder, is refused (exit 2). The scores and their rejects file
/// (<c>scores.rejects.csv</c> for <c>scores.csv</c>) replace older ones only once complete.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create(CliConsole console)
    {
        var run = new Option<string>("--run", "-r") { Description = "The run directory written by 'clvml train'.", Required = true };
        var input = new Option<string>("--input", "-i") { Description = "Transactions to score, in the run's column mapping: a CSV file (optionally .gz) or a Parquet file (a name ending in .parquet).", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Where the scores are written: scores.csv, scores.parquet, sqlite:PATH (table scores) or postgres:TABLE.", Required = true };
        var connection = new Option<string?>("--connection") { Description = "PostgreSQL connection string for --output postgres:TABLE; ${VAR} references are expanded. Default: the CLVML_POSTGRES environment variable." };
        var asOf = new Option<string?>("--as-of") { Description = "Compute features as of this date (yyyy-MM-dd); later rows are rejected. Default: the last transaction date." };
        var map = new Option<string[]>("--map")
        {
            Description = "Input column for a mapping key when it differs from the run's: customer_id=COL, timestamp=COL, amount=COL, quantity=COL, unit_price=COL, order_id=COL. Repeatable.",
            AllowMultipleArgumentsPerToken = true,
        };
        var formats = new Option<string[]>("--timestamp-format") { Description = "Timestamp format(s) of the input, replacing the run's (e.g. yyyyMMdd). Repeatable." };
        var command = new Command("score", "Score customers from fresh transactions with a saved run.") { run, input, output, connection, asOf, map, formats };
        command.SetAction(parsed =>
        {
            var request = new ScoringRequest
            {
                InputPath = parsed.GetValue(input)!,
                OutputPath = parsed.GetValue(output)!,
                Connection = parsed.GetValue(connection),
                AsOf = ParseDate(parsed.GetValue(asOf)),
                ColumnMap = ParseMap(parsed.GetValue(map) ?? []),
                TimestampFormats = parsed.GetValue(formats) ?? [],
            };
            var saved = SavedRun.Open(parsed.GetValue(run)!);
            var result = console.WithProgress("scoring", log => BatchScorer.Score(saved, request, log));
            console.Out.WriteLine($"rows read {result.RowsRead} = accepted {result.RowsAccepted} + rejected {result.RowsRejected} (rejects: {result.RejectsPath})");
            console.Out.WriteLine($"customers {result.Customers} -> {result.OutputPath}");
            foreach (var hint in result.Hints) console.Out.WriteLine($"warning: {hint}");
            return CliApp.Ok;
        });
        return command;
    }

    private static DateOnly? ParseDate(string? text) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new InputException($"--as-of: '{text}' is not a date in the form yyyy-MM-dd.");

    private static Dictionary<string, string> ParseMap(IEnumerable<string> pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0)
                throw new InputException($"--map: '{pair}' is not key=column (e.g. --map customer_id=cust_id; order_id= for an input without order ids).");
            map[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }
        return map;
    }
}
