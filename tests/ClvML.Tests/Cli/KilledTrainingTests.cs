namespace ClvML.Tests.Cli;

/// <summary>
/// The fault test: a real <c>clvml train</c> killed with SIGKILL (nothing of it can clean up) at
/// several points leaves nothing that <c>score</c> or <c>report</c> accepts as a run, and the next
/// training removes what the dead ones left, and only that.
/// </summary>
public sealed class KilledTrainingTests
{
    private static readonly string Training = SampleTrainingYaml.For("killed", 8000, """
        segmentation:
          k_range: [2, 6]
          restarts: 3
        regression:
          automl:
            max_trials: 4
            folds: 3
        """);

    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    /// <summary>The progress line after which each kill lands, and the work it interrupts.</summary>
    private static readonly (string Line, string During)[] KillPoints =
    [
        ("customers 8,000", "writing features.csv"),
        ("features written", "the probabilistic fits"),
        ("segmentation: k-means", "the k-means search"),
        ("regression: AutoML", "the AutoML search"),
        ("models compared on the holdout", "writing the report"),
    ];

    [Fact]
    public void Sigkill_at_any_stage_leaves_no_run_that_loads_and_the_next_training_removes_the_leftovers()
    {
        CliProcess.RequireSignals();
        using var cli = new CliRun();
        var models = cli.Path_("models");
        var config = cli.Write("train.yaml", Training);
        Assert.Equal(0, cli.Run("simulate", "--customers", "300", "--output", cli.Path_("tx.csv")));

        string? leftover = null;
        foreach (var (line, during) in KillPoints)
        {
            using var training = CliProcess.Start(cli.Folder, line, "train", "--config", config, "--output-dir", models);
            var code = training.WaitForExit(HangGuard);
            Assert.True(training.KilledAfter is not null && code != 0, $"the training ended with {code} before it could be killed during {during}");
            TestContext.Current.SendDiagnosticMessage($"killed during {during}; its last line: {training.Lines[^1]}");
            Assert.DoesNotContain(training.Lines, l => l.StartsWith("run written to", StringComparison.Ordinal));
            // Each training started by sweeping what the one killed before it left.
            if (leftover is not null) Assert.Contains($"removed {leftover}, left by a training whose process is gone", training.Lines);

            leftover = Assert.Single(Directory.GetDirectories(models, ".killed.incomplete-*"));
            foreach (var entry in Directory.GetFileSystemEntries(models))
            {
                Assert.Equal(2, cli.Run("score", "--run", entry, "--input", cli.Path_("tx.csv"), "--output", cli.Path_("scores.csv")));
                Assert.Contains(entry, cli.Stderr);
                Assert.Equal(2, cli.Run("report", "--run", entry));
                Assert.Contains(entry, cli.Stderr);
            }
        }
        Assert.False(File.Exists(cli.Path_("scores.csv")));

        Assert.True(cli.Run("train", "--config", config, "--output-dir", models) == 0, cli.Stderr);
        Assert.Contains($"removed {leftover}, left by a training whose process is gone", cli.Stdout);
        var run = Path.Combine(models, "killed");
        Assert.Equal([run], Directory.GetFileSystemEntries(models));
        Assert.Equal(0, cli.Run("score", "--run", run, "--input", cli.Path_("tx.csv"), "--output", cli.Path_("scores.csv")));
    }
}
