using System.Diagnostics;
using ClvML.Tests.Scoring;

namespace ClvML.Tests.Cli;

/// <summary>
/// SIGINT and SIGTERM stop a real <c>clvml</c> process within about a second: its incomplete output is
/// removed, one line says so, and the exit code is 128 + the signal (130, 143). A training of another
/// process that is still running is never swept away by a second training.
/// </summary>
public sealed class StopTests(ScoringTests.TrainedRun trained) : IClassFixture<ScoringTests.TrainedRun>
{
    // Long enough to still be in its k search when the second training is done, on two busy cores.
    private static readonly string LongTraining = SampleTrainingYaml.For("long", 50000, """
        segmentation:
          k_range: [2, 12]
        regression:
          automl:
            max_trials: 4
            folds: 3
        """);

    private static readonly string ShortTraining = SampleTrainingYaml.For("short", 1000, """
        segmentation:
          k: 3
        regression:
          automl:
            max_trials: 2
            folds: 2
        """);

    // A hang guard, not a speed assertion: the stop itself is bounded at about a second.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("INT", 130, "SIGINT")]
    [InlineData("TERM", 143, "SIGTERM")]
    public void A_signal_during_training_removes_its_run_folder_and_a_concurrent_training_leaves_a_live_one_alone(string signal, int exitCode, string name)
    {
        CliProcess.RequireSignals();
        CliProcess.RequireNotIgnored(exitCode - 128, name);
        using var cli = new CliRun();
        var models = cli.Path_("models");
        var config = cli.Write("long.yaml", LongTraining);
        using var training = CliProcess.Start(cli.Folder, null, "train", "--config", config, "--output-dir", models);
        training.WaitForLine("segmentation: k-means", HangGuard * 4);
        var live = Assert.Single(Directory.GetDirectories(models, ".long.incomplete-*"));

        // Another training into the same folder sweeps leftovers first; this one's owner is alive.
        Assert.True(cli.Run("train", "--config", cli.Write("short.yaml", ShortTraining), "--output-dir", models) == 0, cli.Stderr);
        Assert.DoesNotContain("removed", cli.Stdout);
        Assert.True(Directory.Exists(live), "a concurrent training removed the folder of a live one");
        Assert.False(training.HasExited, "the long training ended before it could be interrupted; stdout:\n" + string.Join('\n', training.Lines));

        var clock = Stopwatch.StartNew();
        training.Signal(signal);
        var code = training.WaitForExit(HangGuard);
        clock.Stop();

        Assert.Equal(exitCode, code);
        var line = Assert.Single(training.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"clvml: stopped by {name}; removed the incomplete {live}", line);
        Assert.Equal([Path.Combine(models, "short")], Directory.GetFileSystemEntries(models));
        Assert.DoesNotContain(training.Lines, l => l.StartsWith("run written to", StringComparison.Ordinal));
        // Reported, not asserted: how long the stop took (the bound is about a second plus process exit).
        TestContext.Current.SendDiagnosticMessage($"{name}: stopped {clock.Elapsed.TotalSeconds:0.00} s after the signal");
    }

    [Fact]
    public void Sigterm_while_scoring_leaves_the_old_scores_and_no_partial_file()
    {
        CliProcess.RequireSignals();
        CliProcess.RequireNotIgnored(15, "SIGTERM");
        using var cli = new CliRun();
        // Enough rows that scoring is still reading them when the signal lands.
        Assert.Equal(0, cli.Run("simulate", "--customers", "300000", "--seed", "7", "--output", cli.Path_("tx.csv")));
        var output = cli.Path_("out");
        Directory.CreateDirectory(output);
        var scores = Path.Combine(output, "scores.csv");
        File.WriteAllText(scores, "yesterday's scores\n");
        File.WriteAllText(Path.Combine(output, "scores.rejects.csv"), "yesterday's rejects\n");

        using var scoring = CliProcess.Start(cli.Folder, null, "score", "--run", trained.RunPath, "--input", cli.Path_("tx.csv"), "--output", scores);
        scoring.WaitForLine("scoring ", HangGuard);
        scoring.Signal("TERM");
        var code = scoring.WaitForExit(HangGuard);

        Assert.Equal(143, code);
        var line = Assert.Single(scoring.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("clvml: stopped by SIGTERM; ", line);
        Assert.Equal("yesterday's scores\n", File.ReadAllText(scores));
        Assert.Equal("yesterday's rejects\n", File.ReadAllText(Path.Combine(output, "scores.rejects.csv")));
        Assert.Equal(2, Directory.GetFileSystemEntries(output).Length);
    }
}
