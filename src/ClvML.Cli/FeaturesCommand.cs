using System.CommandLine;
using ClvML.Configuration;
using ClvML.Data.Parquet.Writing;
using ClvML.Data.Tables;
using ClvML.Features;
using ClvML.Training;

namespace ClvML.Cli;

/// <summary><c>clvml features --config train.yaml --output features.csv</c>; rejected rows go to <c>features.rejects.csv</c> beside it.</summary>
internal static class FeaturesCommand
{
    public static Command Create(CliConsole console)
    {
        var config = new Option<string>("--config", "-c") { Description = "The config (train.yaml).", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Where the per-customer feature table is written: CSV, or Parquet when the name ends in .parquet.", Required = true };
        var command = new Command("features", "Write the per-customer feature table.") { config, output };
        command.SetAction(parsed =>
        {
            var configPath = parsed.GetValue(config)!;
            var outputPath = parsed.GetValue(output)!;
            var settings = TrainConfigLoader.Load(configPath);
            var rejectsPath = Path.ChangeExtension(outputPath, null) + ".rejects.csv";
            var built = console.WithProgress("building features", log =>
            {
                var configDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
                var result = FeatureJob.Build(settings, configDirectory, rejectsPath, out _);
                var target = OutputTarget.Parse(outputPath);
                switch (target.Format)
                {
                    case OutputFormat.Csv:
                        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
                        FeatureTableCsvWriter.Write(result.Table, outputPath);
                        break;
                    case OutputFormat.Parquet:
                        ParquetTableWriter.Write(FeatureColumnTable.From(result.Table), target.Location);
                        break;
                    default:
                        throw new InputException($"--output {outputPath}: {target.Format} output is not available in this build; write CSV or .parquet.");
                }
                return result;
            });
            var rejects = built.Rejects;
            console.Out.WriteLine($"rows read {rejects.RowsRead} = accepted {rejects.Accepted} + rejected {rejects.Rejected} (rejects: {rejectsPath})");
            console.Out.WriteLine($"customers {built.Table.Count} -> {outputPath}");
            return CliApp.Ok;
        });
        return command;
    }
}
