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
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new InputException($"clvml simulate: {e.Message}");
            }
            var path = parsed.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var summary = console.WithProgress("simulating", _ =>
            {
                using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16);
                return SampleGenerator.WriteCsv(options, writer);
            });
            console.Out.WriteLine($"{summary} -> {path}");
            return CliApp.Ok;
        });
        return command;
    }
}
