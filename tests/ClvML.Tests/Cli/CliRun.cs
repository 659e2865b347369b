using ClvML.Cli;

namespace ClvML.Tests.Cli;

/// <summary>A throwaway folder with a config and data files, and the CLI run in-process on it.</summary>
internal sealed class CliRun : IDisposable
{
    public CliRun() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "clvml-test-" + Guid.NewGuid().ToString("N"));
    public string Stdout { get; private set; } = "";
    public string Stderr { get; private set; } = "";

    public string Path_(string name) => Path.Combine(Folder, name);

    public string Write(string name, string text)
    {
        var path = Path_(name);
        File.WriteAllText(path, text);
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path_(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Runs <c>clvml</c> with <paramref name="args"/> and returns its exit code.</summary>
    public int Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        Stdout = stdout.ToString();
        Stderr = stderr.ToString();
        return code;
    }

    /// <summary>Writes train.yaml for a CSV file with the given extra data settings and runs <c>features</c>.</summary>
    public int Features(string csvName, string dataYaml = "", string featuresYaml = "")
    {
        var config = Write("train.yaml", $"""
            data:
              source: csv
              path: {csvName}
            {Indent(dataYaml)}
            features:
              time_unit: day
            {Indent(featuresYaml)}
            """);
        return Run("features", "--config", config, "--output", Path_("features.csv"));
    }

    private static string Indent(string yaml) =>
        string.Join("\n", yaml.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l));

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
