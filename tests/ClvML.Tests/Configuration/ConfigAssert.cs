using ClvML.Configuration;
using Xunit;

namespace ClvML.Tests.Configuration;

/// <summary>Shared checks for config tests.</summary>
internal static class ConfigAssert
{
    public const string FileName = "train.yaml";

    /// <summary>
    /// Structural equality: the records hold lists, which records compare by reference, so compare
    /// every property (lists item by item) and the written YAML as well.
    /// </summary>
    public static void Same(TrainConfig expected, TrainConfig actual)
    {
        Assert.Equivalent(expected, actual, strict: true);
        Assert.Equal(TrainConfigLoader.ToYaml(expected), TrainConfigLoader.ToYaml(actual));
    }

    /// <summary>Parses text that must have problems and returns them.</summary>
    public static IReadOnlyList<ConfigProblem> Problems(string yaml)
    {
        var e = Assert.Throws<ConfigException>(() => TrainConfigLoader.Parse(yaml, FileName));
        Assert.StartsWith(FileName + ": ", e.Message);
        Assert.NotEmpty(e.Problems);
        return e.Problems;
    }

    /// <summary>Parses text that must have exactly one problem, at <paramref name="path"/> and <paramref name="line"/>.</summary>
    public static ConfigProblem Single(string yaml, string path, int line)
    {
        var problem = Assert.Single(Problems(yaml));
        Assert.Equal(path, problem.Path);
        Assert.Equal(line, problem.Line);
        return problem;
    }
}
