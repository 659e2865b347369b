using System.CommandLine;
using ClvML.Configuration;
using ClvML.Data.Parquet.Writing;
using ClvML.Data.Tables;
using ClvML.Training;

namespace ClvML.Cli;

/// <summary>
/// <c>clvml convert --config train.yaml --output tx.parquet</c>: the config's transactions, validated
/// as for training, written as typed columns; rejected rows go to <c>tx.rejects.csv</c> beside it.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create(CliConsole console)
    {
        var config = new Option<string>("--config", "-c") { Description = "The config whose data: section is read (train.yaml).", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Where the transactions go: a file ending in .parquet.", Required = true };
        var command = new Command("convert", "Convert the config's transactions (e.g. a CSV log) to a typed Parquet file.") { config, output };
        command.SetAction(parsed =>
        {
            var configPath = parsed.GetValue(config)!;
            var target = OutputTarget.Parse(parsed.GetValue(output)!);
            if (target.Format != OutputFormat.Parquet)
                throw new InputException($"--output {target.Location}: convert writes Parquet (a name ending in .parquet).");
            var settings = TrainConfigLoader.Load(configPath);
            var configDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
            var result = console.WithProgress("converting", _ =>
            {
                var read = ConvertJob.Read(settings, configDirectory, target.RejectsPath);
                ParquetTableWriter.Write(read.Table, target.Location);
                return read;
            });
            var rejects = result.Rejects;
            console.Out.WriteLine($"rows read {rejects.RowsRead} = accepted {rejects.Accepted} + rejected {rejects.Rejected} (rejects: {target.RejectsPath})");
            console.Out.WriteLine($"transactions {result.Table.RowCount} -> {target.Location}");
            return CliApp.Ok;
        });
        return command;
    }
}
