using ClvML.Persistence;
using ClvML.Tests.Cli;
using ClvML.Tests.Scoring;

namespace ClvML.Tests.Persistence;

/// <summary>The temporary folder of a run being written: never accepted as a run, abandoned cleanly, swept only when its process is gone.</summary>
public sealed class RunDirectoryTests(ScoringTests.TrainedRun trained) : IClassFixture<ScoringTests.TrainedRun>
{
    [Fact]
    public void A_whole_run_under_its_temporary_name_is_refused_by_score_and_report()
    {
        // What a training killed between writing manifest.json and the rename leaves: every file is there.
        using var cli = new CliRun();
        var incomplete = Path.Combine(cli.Path_("models"), $".scoring.incomplete-{Guid.NewGuid():N}");
        ScoringTests.CopyDirectory(trained.RunPath, incomplete);
        Assert.Equal(0, cli.Run("simulate", "--customers", "200", "--output", cli.Path_("tx.csv")));

        Assert.Equal(2, cli.Run("score", "--run", incomplete, "--input", cli.Path_("tx.csv"), "--output", cli.Path_("scores.csv")));
        Assert.Contains(incomplete, cli.Stderr);
        Assert.Contains("the temporary folder of a training that has not finished", cli.Stderr);
        Assert.False(File.Exists(cli.Path_("scores.csv")));
        Assert.Equal(2, cli.Run("report", "--run", incomplete + Path.DirectorySeparatorChar));
        Assert.Contains("the temporary folder of a training that has not finished", cli.Stderr);
    }

    [Fact]
    public void An_abandoned_run_takes_no_new_file_cannot_be_committed_and_is_gone_with_its_owner_file()
    {
        using var cli = new CliRun();
        var run = RunDirectory.Create(cli.Path_("models"), "abandoned");
        File.WriteAllText(run.File("features.csv"), "customer_id\n");
        Assert.True(File.Exists(run.TemporaryPath + RunDirectoryOwner.Suffix));

        Assert.True(run.Abandon());
        Assert.False(run.Abandon());
        Assert.Throws<OperationCanceledException>(() => run.File("report/report.html"));
        Assert.Throws<OperationCanceledException>(() => run.Commit());
        Assert.Empty(Directory.GetFileSystemEntries(cli.Path_("models")));
    }

    [Fact]
    public void Leftovers_spare_a_run_being_written_and_a_folder_without_owner_file()
    {
        using var cli = new CliRun();
        var models = cli.Path_("models");
        using var live = RunDirectory.Create(models, "live");
        var unowned = Directory.CreateDirectory(Path.Combine(models, $".old.incomplete-{Guid.NewGuid():N}")).FullName;

        var found = RunDirectory.RemoveLeftovers(models);
        Assert.Empty(found.Removed);
        Assert.Equal([unowned], found.Unowned);
        Assert.True(Directory.Exists(live.TemporaryPath));
        Assert.True(File.Exists(live.TemporaryPath + RunDirectoryOwner.Suffix));

        var committed = live.Commit();
        Assert.Equal(Path.Combine(models, "live"), committed);
        Assert.Equal([unowned, committed], Directory.GetFileSystemEntries(models).Order(StringComparer.Ordinal));
    }
}
