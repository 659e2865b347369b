using System.CommandLine;
using ClvML.Configuration;
using ClvML.Data.Destinations;
using ClvML.Data.Output;
using ClvML.Training;

namespace ClvML.Cli;

/// <summary>
/// <c>clvml convert --config train.yaml --output tx.parquet | sqlite:PATH | postgres:TABLE</c>: the config's
/// transactions, validated as for training, written as typed columns; rejected rows go to <c>tx.parquet.rejects.csv</c>
/// (<see cref="OutputTarget.RejectsPath"/>). Both replace older files only once complete.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create(CliConsole console)
    {
        var config = new Option<string>("--config", "-c") { Description = "The config whose data: section is read (train.yaml).", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Where the transactions go: tx.parquet, sqlite:PATH (table transactions) or postgres:TABLE.", Required = true };
        var connection = new Option<string?>("--connection") { Description = "PostgreSQL connection string for --output postgres:TABLE; ${VAR} references are expanded. Default: the CLVML_POSTGRES environment variable." };
        var command = new Command("convert", "Convert the config's transactions (e.g. a CSV log) to typed Parquet or a database table.") { config, output, connection };
        command.SetAction(parsed =>
        {
            var configPath = parsed.GetValue(config)!;
            var target = OutputTarget.Parse(parsed.GetValue(output)!);
            if (target.Format == OutputFormat.Csv)
                throw new InputException($"--output {target.Location}: convert writes typed data: a name ending in .parquet, sqlite:PATH or postgres:TABLE.");
            TableOutput.CheckReady(target, parsed.GetValue(connection));
            var settings = TrainConfigLoader.Load(configPath);
            var configDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
            var result = console.WithProgress("converting", _ =>
            {
                using var rejects = new StagedFile(target.RejectsPath);
                var read = rejects.KeptOnInputError(() => ConvertJob.Read(settings, configDirectory, rejects.TemporaryPath));
                TableOutput.Write(target, read.Table, parsed.GetValue(connection));
                rejects.Commit();
                return read;
            });
            var rejects = result.Rejects;
            console.Out.WriteLine($"rows read {rejects.RowsRead} = accepted {rejects.Accepted} + rejected {rejects.Rejected} (rejects: {target.RejectsPath})");
            console.Out.WriteLine($"transactions {result.Table.RowCount} -> {target.Location}");
            foreach (var hint in rejects.Hints()) console.Out.WriteLine($"warning: {hint}");
            return CliApp.Ok;
        });
        return command;
    }
}
