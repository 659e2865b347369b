namespace ClvML.Tests.Repository;

/// <summary>
/// The README's set-up block is what a new user types: exactly two commands, the first training the
/// sample with optimised code (a Debug build makes it several times slower), the second the test
/// command that CI's .ci/run runs.
/// </summary>
public sealed class ReadmeCommandsTests
{
    private static IReadOnlyList<string> FreshMachineCommands()
    {
        var readme = File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, "README.md"));
        var heading = Array.FindIndex(readme, l => l.StartsWith("## On a fresh machine", StringComparison.Ordinal));
        Assert.True(heading >= 0, "README.md has no '## On a fresh machine' section");
        var open = Array.FindIndex(readme, heading, l => l.StartsWith("```", StringComparison.Ordinal));
        var close = Array.FindIndex(readme, open + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        return [.. readme[(open + 1)..close].Where(l => l.Trim().Length > 0)];
    }

    [Fact]
    public void The_fresh_machine_block_trains_the_sample_optimised_and_runs_the_tests_ci_runs()
    {
        var commands = FreshMachineCommands();
        Assert.Equal(2, commands.Count);
        var train = commands[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["dotnet", "run"], train[..2]);
        var configuration = Array.IndexOf(train, "-c");
        Assert.True(configuration > 0 && train[configuration + 1] == "Release", $"'{commands[0]}' does not build Release");
        Assert.Contains("src/ClvML.Cli", train);
        Assert.Equal(["train", "--config", "train.yaml"], train[(Array.IndexOf(train, "--") + 1)..]);
        Assert.True(File.Exists(Path.Combine(SharedData.RepositoryRoot, "train.yaml")));

        var ci = File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, ".ci", "run"));
        Assert.Contains(ci, l => l.TrimStart().StartsWith(commands[1] + " ", StringComparison.Ordinal) || l.Trim() == commands[1]);
    }
}
