using System.CommandLine;
using ClvML.Data.Sample;

namespace ClvML.Cli;

/// <summary><c>clvml simulate --customers N --seed S --output tx.csv</c>: the built-in synthetic transaction log.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliConsole console)
    {
        var customers = new Option<int>("--customers", "-n") { Description = "Customers to draw.", DefaultValueFactory = _ => new SampleOptions().Customers };
        var seed = new Option<int>("--seed", "-s") { Description = "Random seed; the same seed gives the same file.", DefaultValueFactory = _ => new SampleOptions().Seed };
        var output = new Option<string>("--output", "-o") { Description = "CSV file to write.", Required = true };
        var command = new Command("simulate", "Write a synthetic transaction log (BG/NBD purchases, Gamma-Gamma spend, channels, returns, malformed rows).")
        {
            customers, seed, output,
        };
        command.SetAction(parsed =>
        {
            var options = new SampleOptions { Customers = parsed.GetValue(customers), Seed = parsed.GetValue(seed) };
            var path = parsed.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temporary = path + ".tmp";
            SampleSummary summary;
            try
            {
                using (var writer = new StreamWriter(temporary, false, new System.Text.UTF8Encoding(false), 1 << 16))
                    summary = SampleGenerator.WriteCsv(options, writer);
                File.Move(temporary, path, overwrite: true);
            }
            catch (ArgumentException e)
            {
                File.Delete(temporary);
                throw new InputException($"clvml simulate: {e.Message.Replace("SampleOptions.Customers", "--customers")}");
            }
            console.Out.WriteLine($"{summary.Rows:N0} rows ({summary.Purchases:N0} purchases, {summary.Returns:N0} returns, " +
                $"{summary.MalformedRows:N0} malformed on purpose) for {options.Customers:N0} customers -> {path}");
            return CliApp.Ok;
        });
        return command;
    }
}
