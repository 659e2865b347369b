using System.CommandLine;
using ClvML.Configuration;
using ClvML.Data.Destinations;
using ClvML.Data.Output;
using ClvML.Features;
using ClvML.Training;

namespace ClvML.Cli;

/// <summary>
/// <c>clvml features --config train.yaml --output features.csv|features.parquet|sqlite:PATH|postgres:TABLE [--connection CS]</c>;
/// rejected rows go beside the output as <see cref="OutputTarget.RejectsPath"/> names them (<c>features.rejects.csv</c>, <c>features.parquet.rejects.csv</c>;
/// for PostgreSQL: TABLE.rejects.csv in the working folder). Both replace older files only once complete.
/// </summary>
internal static class FeaturesCommand
{
    public static Command Create(CliConsole console)
    {
        var config = new Option<string>("--config", "-c") { Description = "The config (train.yaml).", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Where the per-customer feature table is written: features.csv, features.parquet, sqlite:PATH (table features) or postgres:TABLE.", Required = true };
        var connection = new Option<string?>("--connection") { Description = "PostgreSQL connection string for --output postgres:TABLE; ${VAR} references are expanded. Default: the CLVML_POSTGRES environment variable." };
        var command = new Command("features", "Write the per-customer feature table.") { config, output, connection };
        command.SetAction(parsed =>
        {
            var configPath = parsed.GetValue(config)!;
            var outputPath = parsed.GetValue(output)!;
            var settings = TrainConfigLoader.Load(configPath);
            var target = OutputTarget.Parse(outputPath);
            TableOutput.CheckReady(target, parsed.GetValue(connection));
            var rejectsPath = target.RejectsPath;
            var built = console.WithProgress("building features", log =>
            {
                var configDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
                using var rejects = new StagedFile(rejectsPath);
                // The feature table records no data fingerprint, so the input is not hashed (as in scoring).
                var result = rejects.KeptOnInputError(() => FeatureJob.Build(settings, configDirectory, rejects.TemporaryPath, out _, fingerprint: false));
                if (target.Format == OutputFormat.Csv) FeatureTableCsvWriter.Write(result.Table, outputPath);
                else TableOutput.Write(target, FeatureColumnTable.From(result.Table), parsed.GetValue(connection));
                rejects.Commit();
                return result;
            });
            var rejects = built.Rejects;
            console.Out.WriteLine($"rows read {rejects.RowsRead} = accepted {rejects.Accepted} + rejected {rejects.Rejected} (rejects: {rejectsPath})");
            console.Out.WriteLine($"customers {built.Table.Count} -> {outputPath}");
            foreach (var warning in built.Warnings) console.Out.WriteLine($"warning: {warning.Message}");
            foreach (var hint in rejects.Hints()) console.Out.WriteLine($"warning: {hint}");
            return CliApp.Ok;
        });
        return command;
    }
}
