namespace ClvML.Cli;

/// <summary>
/// Failures of the machine rather than of ClvML or its input: a path that cannot be written or read
/// (missing, a file where a folder should be, read-only, not permitted), a full disk, an I/O error,
/// too little memory. Each is one line, the operating system's message naming the path, without a
/// stack trace. A path that cannot be used as given is bad usage (exit 2: choose another place); a full
/// disk or a failing device is a runtime failure (exit 1: the same command may work once it is fixed).
/// </summary>
internal static class EnvironmentFailure
{
    // errno values, which .NET on Unix keeps as the HResult of a plain IOException.
    private const int NotPermitted = 1, AccessDenied = 13, Exists = 17, NotADirectory = 20, IsADirectory = 21,
        FileTooLarge = 27, NoSpace = 28, ReadOnlyFileSystem = 30, NameTooLong = 36, QuotaExceeded = 122;

    // Windows HRESULTs for a full disk (ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL).
    private const int DiskFull = unchecked((int)0x80070070), HandleDiskFull = unchecked((int)0x80070027);

    /// <summary>The exit code and one-line message (after "clvml: ") for <paramref name="exception"/> when it is an environmental failure.</summary>
    public static bool TryDescribe(Exception exception, out int exitCode, out string message)
    {
        var failure = exception;
        // Parallel code wraps what failed in one of its workers.
        while (failure is AggregateException { InnerExceptions.Count: > 0 } aggregate) failure = aggregate.InnerExceptions[0];
        if (failure is OutOfMemoryException)
        {
            exitCode = CliApp.RuntimeFailure;
            message = $"runtime failure: out of memory ({failure.Message.TrimEnd('.')}); free memory or give the job a smaller input.";
            return true;
        }
        if (failure is not (IOException or UnauthorizedAccessException))
        {
            exitCode = 0;
            message = "";
            return false;
        }
        // A message that adds the paths (a failed rename) keeps the operating system's error inside.
        var cause = failure;
        while (cause.InnerException is IOException or UnauthorizedAccessException) cause = cause.InnerException;
        var (unusablePath, hint) = cause switch
        {
            UnauthorizedAccessException => (true, " Choose a place this user may write, or change its permissions."),
            DirectoryNotFoundException or FileNotFoundException => (true, " (a folder on that path is missing and could not be made, or is a file)"),
            PathTooLongException => (true, ""),
            _ when cause.HResult is NoSpace or QuotaExceeded or FileTooLarge or DiskFull or HandleDiskFull =>
                (false, " (the disk or quota is full: free space or write elsewhere, then run the command again)"),
            _ when cause.HResult is Exists or NotADirectory => (true, " (a file stands where a folder is needed)"),
            _ when cause.HResult is NotPermitted or AccessDenied or IsADirectory or ReadOnlyFileSystem or NameTooLong => (true, ""),
            _ => (false, ""),
        };
        exitCode = unusablePath ? CliApp.BadInput : CliApp.RuntimeFailure;
        message = $"{(unusablePath ? "error" : "runtime failure")}: {failure.Message.ReplaceLineEndings(" ")}{hint}";
        return true;
    }
}
