namespace ClvML;

/// <summary>
/// Bad input, bad configuration or bad usage: something the user must fix. The CLI maps it to
/// exit code 2; every other exception is a runtime failure (exit code 1).
/// The message always names the place: file, line and column, or YAML key.
/// </summary>
public class InputException : Exception
{
    /// <summary>Creates an input error whose message already names the place.</summary>
    public InputException(string message) : base(message) { }

    /// <summary>Creates an input error caused by another exception.</summary>
    public InputException(string message, Exception inner) : base(message, inner) { }

    /// <summary>An error about one place in a text file: <c>file:line: column 'c': message</c>.</summary>
    public static InputException At(string file, long line, string? column, string message) =>
        new(column is null ? $"{file}:{line}: {message}" : $"{file}:{line}: column '{column}': {message}");
}
