using System.CommandLine;
using ClvML.Configuration;
using ClvML.Training;

namespace ClvML.Cli;

/// <summary><c>clvml train --config train.yaml [--output-dir DIR]</c>.</summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var config = new Option<string>("--config", "-c") { Description = "The training config (train.yaml).", Required = true };
        var outputDir = new Option<string?>("--output-dir") { Description = "Folder for the run directory (default: output.models_dir of the config)." };
        var command = new Command("train", "Train everything the config enables and write one run directory.") { config, outputDir };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(config)!;
            var settings = TrainConfigLoader.Load(path);
            var result = console.WithProgress("training", log => TrainingJob.Run(settings, path, parsed.GetValue(outputDir), log));
            console.Out.WriteLine(result.RunPath);
            return CliApp.Ok;
        });
        return command;
    }
}
