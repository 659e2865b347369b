using System.CommandLine;
using ClvML.Data.Destinations;
using ClvML.Data.Output;
using ClvML.Data.Sample;

namespace ClvML.Cli;

/// <summary>
/// <c>clvml simulate --customers N --seed S --output tx.csv</c>: the built-in synthetic transaction log;
/// <c>--output tx.parquet</c> writes it as Parquet (<c>--numeric-ids</c>: customer_id as INT64). The file
/// replaces an older one only once complete.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(CliConsole console)
    {
        var defaults = new SampleOptions();
        var customers = WholeNumberOption.Create("--customers", "-n", "Customers to draw.", defaults.Customers, minimum: 1, maximum: SampleOptions.MaxCustomers);
        var seed = WholeNumberOption.Create("--seed", "-s", "Random seed; the same seed gives the same file.", defaults.Seed);
        var output = new Option<string>("--output", "-o") { Description = "File to write: CSV, or Parquet when the name ends in .parquet.", Required = true };
        var numericIds = new Option<bool>("--numeric-ids") { Description = "Parquet only: customer_id as INT64 (the number in C0000001) instead of text." };
        var command = new Command("simulate", "Write a synthetic transaction log (BG/NBD purchases, Gamma-Gamma spend, channels, returns, malformed rows).")
        {
            customers, seed, output, numericIds,
        };
        command.SetAction(parsed =>
        {
            var options = new SampleOptions { Customers = parsed.GetValue(customers), Seed = parsed.GetValue(seed) };
            var path = parsed.GetValue(output)!;
            if (OutputTarget.Parse(path).Format == OutputFormat.Parquet)
            {
                // Purchases and returns only: malformed rows have no typed form.
                var drawn = SampleGenerator.WriteParquet(options, path, parsed.GetValue(numericIds));
                console.Out.WriteLine($"{drawn.Purchases + drawn.Returns:N0} rows ({drawn.Purchases:N0} purchases, {drawn.Returns:N0} returns; " +
                    $"the CSV's {drawn.MalformedRows:N0} malformed rows are not written to Parquet) for {options.Customers:N0} customers -> {path}");
                return CliApp.Ok;
            }
            if (parsed.GetValue(numericIds)) throw new InputException("--numeric-ids: applies to Parquet output only (a name ending in .parquet).");
            var summary = StagedFile.Write(path, temporary =>
            {
                using var writer = new StreamWriter(temporary, false, new System.Text.UTF8Encoding(false), 1 << 16);
                return SampleGenerator.WriteCsv(options, writer);
            });
            console.Out.WriteLine($"{summary.Rows:N0} rows ({summary.Purchases:N0} purchases, {summary.Returns:N0} returns, " +
                $"{summary.MalformedRows:N0} malformed on purpose) for {options.Customers:N0} customers -> {path}");
            return CliApp.Ok;
        });
        return command;
    }
}
