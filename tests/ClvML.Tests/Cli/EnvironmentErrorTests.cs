using ClvML.Tests.Scoring;

namespace ClvML.Tests.Cli;

/// <summary>
/// A place the CLI cannot write (a path through a file, a read-only file system) is bad usage, exit 2;
/// a full disk is a runtime failure, exit 1. Either way: one line naming the path, no stack trace, and
/// nothing partial left behind.
/// </summary>
public sealed class EnvironmentErrorTests(ScoringTests.TrainedRun trained) : IClassFixture<ScoringTests.TrainedRun>
{
    private static readonly string SampleYaml = SampleTrainingYaml.For("env", 2000, """
        regression:
          automl:
            max_trials: 2
            folds: 2
        """);

    public static TheoryData<string> Commands => ["train", "features csv", "features parquet", "score", "convert", "simulate csv", "simulate parquet"];

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_path_through_a_file_is_exit_2_naming_it(string command)
    {
        using var cli = new CliRun();
        var file = cli.Write("not-a-folder", "a file, not a folder\n");
        var code = Run(cli, command, Path.Combine(file, "out"));
        AssertOneLine(cli, file);
        Assert.Equal(2, code);
        Assert.Equal("a file, not a folder\n", File.ReadAllText(file));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_read_only_file_system_is_exit_2_naming_the_path(string command)
    {
        using var mount = TmpfsMount.Create(64, readOnly: true);
        using var cli = new CliRun();
        var code = Run(cli, command, mount.Path);
        AssertOneLine(cli, mount.Path);
        Assert.Contains("Read-only file system", cli.Stderr);
        Assert.Equal(2, code);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_full_disk_is_exit_1_naming_the_file_and_leaves_no_partial_file(string command)
    {
        using var mount = TmpfsMount.Create(16);
        using var cli = new CliRun();
        var code = Run(cli, command, mount.Path);
        AssertOneLine(cli, mount.Path);
        Assert.Contains("No space left on device", cli.Stderr);
        Assert.Equal(1, code);
        Assert.Empty(mount.Files());
    }

    private int Run(CliRun cli, string command, string place)
    {
        var config = cli.Write("sample.yaml", SampleYaml);
        return command switch
        {
            "train" => cli.Run("train", "--config", config, "--output-dir", Path.Combine(place, "models")),
            "features csv" => cli.Run("features", "--config", config, "--output", Path.Combine(place, "f.csv")),
            "features parquet" => cli.Run("features", "--config", config, "--output", Path.Combine(place, "f.parquet")),
            "score" => Score(cli, place),
            "convert" => cli.Run("convert", "--config", config, "--output", Path.Combine(place, "tx.parquet")),
            "simulate csv" => cli.Run("simulate", "--customers", "2000", "--output", Path.Combine(place, "tx.csv")),
            "simulate parquet" => cli.Run("simulate", "--customers", "2000", "--output", Path.Combine(place, "tx.parquet")),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
        };
    }

    private int Score(CliRun cli, string place)
    {
        Assert.Equal(0, cli.Run("simulate", "--customers", "2000", "--seed", "3", "--output", cli.Path_("tx.csv")));
        return cli.Run("score", "--run", trained.RunPath, "--input", cli.Path_("tx.csv"), "--output", Path.Combine(place, "scores.csv"));
    }

    private static void AssertOneLine(CliRun cli, string path)
    {
        var lines = cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, cli.Stderr);
        Assert.StartsWith("clvml: ", lines[0]);
        Assert.Contains(path, lines[0]);
        Assert.DoesNotContain("   at ", cli.Stderr);
    }
}
