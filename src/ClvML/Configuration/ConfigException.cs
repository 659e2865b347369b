namespace ClvML.Configuration;

/// <summary>One problem in a config file, at a YAML path such as <c>data.columns.amount</c>.</summary>
/// <param name="Path">Dotted YAML path of the key the problem is about.</param>
/// <param name="Line">1-based line in the file, or 0 when the key is absent.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record ConfigProblem(string Path, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"line {Line}: {Path}: {Message}" : $"{Path}: {Message}";
}

/// <summary>All the problems found in a config file, reported together.</summary>
public sealed class ConfigException : InputException
{
    /// <summary>The problems, in file order.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    /// <summary>Creates the exception for <paramref name="file"/>.</summary>
    public ConfigException(string file, IReadOnlyList<ConfigProblem> problems)
        : base(Format(file, problems)) => Problems = problems;

    private static string Format(string file, IReadOnlyList<ConfigProblem> problems) =>
        $"{file}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")} in the config:" + Environment.NewLine +
        string.Join(Environment.NewLine, problems.Select(p => "  " + p));
}
