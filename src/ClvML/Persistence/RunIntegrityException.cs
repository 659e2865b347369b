namespace ClvML.Persistence;

/// <summary>
/// A saved run that cannot be trusted: a missing, altered or too-new file. An input error (exit
/// code 2): the message names the file and says what to do.
/// </summary>
public sealed class RunIntegrityException(string file, string problem) : InputException($"{file}: {problem}.")
{
    /// <summary>The file at fault.</summary>
    public string File { get; } = file;
}
