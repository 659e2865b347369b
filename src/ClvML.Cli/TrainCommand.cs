using System.CommandLine;
using ClvML.Configuration;
using ClvML.Data.Destinations;
using ClvML.Training;

namespace ClvML.Cli;

/// <summary>
/// <c>clvml train --config train.yaml [--output-dir DIR] [--output sqlite:PATH]</c>. A signal (the token
/// given to <see cref="Create"/>) stops the training between stages, and no run is committed.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console, CancellationToken stopping)
    {
        var config = new Option<string>("--config", "-c") { Description = "The training config (train.yaml).", Required = true };
        var outputDir = new Option<string?>("--output-dir") { Description = "Folder for the run directory (default: output.models_dir of the config)." };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Also write the run's tables (features, predictions, segments, cluster_profiles, leaderboard, customer_months) and analyst views into a SQLite database: sqlite:PATH.",
        };
        var command = new Command("train", "Train everything the config enables and write one run directory.") { config, outputDir, output };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(config)!;
            // Checked before training, so a typo does not cost a whole run.
            var target = parsed.GetValue(output) is { } text ? OutputTarget.Parse(text) : null;
            if (target is not null && target.Format != OutputFormat.Sqlite)
                throw new InputException($"--output: '{target.Location}': train writes its tables to a SQLite database only (sqlite:PATH); the run directory holds the files. Write scores to PostgreSQL with clvml score --output postgres:TABLE.");
            var settings = TrainConfigLoader.Load(path);
            var result = console.WithProgress("training", (log, status) =>
            {
                var trained = TrainingJob.Run(settings, path, parsed.GetValue(outputDir), log, status, stopping);
                if (target is not null) RunSqliteExport.Write(settings, path, trained, target.Location, log);
                return trained;
            });
            // At the end, before the run's path, which stays the last line for scripts.
            foreach (var hint in result.Features.Rejects.Hints()) console.Out.WriteLine($"warning: {hint}");
            console.Out.WriteLine(result.RunPath);
            return CliApp.Ok;
        });
        return command;
    }
}
