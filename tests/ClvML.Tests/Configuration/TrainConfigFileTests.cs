using ClvML.Configuration;
using Xunit;

namespace ClvML.Tests.Configuration;

public sealed class TrainConfigFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clvml-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void MissingFileIsAnInputErrorNamingThePath()
    {
        var path = Path.Combine(_folder, "nope.yaml");
        var e = Assert.Throws<InputException>(() => TrainConfigLoader.Load(path));
        Assert.IsNotType<ConfigException>(e);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void LoadReadsTheFileAndNamesItInProblems()
    {
        var path = Path.Combine(_folder, "train.yaml");
        File.WriteAllText(path, "run:\n  seed: 9\n");
        Assert.Equal(9, TrainConfigLoader.Load(path).Run.Seed);

        File.WriteAllText(path, "run:\n  seed: nine\n");
        var e = Assert.Throws<ConfigException>(() => TrainConfigLoader.Load(path));
        Assert.StartsWith(path + ": 1 problem in the config:", e.Message);
    }

    [Fact]
    public void RelativePathsResolveAgainstTheConfigFolder()
    {
        var config = Path.Combine(_folder, "conf", "train.yaml");
        Assert.Equal(Path.Combine(_folder, "conf", "data", "tx.csv"), TrainConfigLoader.ResolvePath(config, "data/tx.csv"));
        Assert.Equal(Path.Combine(_folder, "models"), TrainConfigLoader.ResolvePath(config, "../models"));
        var absolute = Path.Combine(_folder, "elsewhere");
        Assert.Equal(absolute, TrainConfigLoader.ResolvePath(config, absolute));
    }
}
