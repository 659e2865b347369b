using System.CommandLine;

namespace ClvML.Cli;

/// <summary>
/// The <c>clvml</c> command line. Exit codes: 0 success; 1 runtime failure; 2 bad usage, bad
/// config or bad input (an <see cref="InputException"/>), always with a message naming the place;
/// 130 and 143 after SIGINT and SIGTERM (<see cref="StopSignal"/>). Environmental failures (an
/// unwritable path, a full disk) are one line too (<see cref="EnvironmentFailure"/>). Anything else
/// is a bug in ClvML: one line saying so, and the stack trace only when <c>CLVML_DEBUG</c> is set.
/// </summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int RuntimeFailure = 1;
    public const int BadInput = 2;

    /// <summary>Environment variable that adds the stack trace to the report of an internal error.</summary>
    public const string DebugVariable = "CLVML_DEBUG";

    /// <summary>Parses and runs one command line.</summary>
    /// <param name="args">Arguments after the program name.</param>
    /// <param name="stdout">Where results and progress lines go.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <param name="interactive">Whether a live progress display may be drawn (a terminal, not CI).</param>
    /// <param name="stop">The process's signal handling (null in-process, as in tests: nothing stops the command).</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false, StopSignal? stop = null)
    {
        var console = new CliConsole(stdout, stderr, interactive);
        var root = new RootCommand("ClvML: customer lifetime value from transaction logs.")
        {
            TrainCommand.Create(console, stop?.Token ?? CancellationToken.None),
            FeaturesCommand.Create(console),
            SimulateCommand.Create(console),
            ConvertCommand.Create(console),
            ScoreCommand.Create(console),
            ReportCommand.Create(console),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"clvml: {error.Message}");
            stderr.WriteLine("Run 'clvml --help' for usage.");
            return BadInput;
        }
        int code;
        var stopped = false;
        try
        {
            // The stop is handled here (StopSignal), not by System.CommandLine's own Ctrl+C handling.
            code = parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (Exception) when (stop is { Requested: true })
        {
            // Whatever failed after a signal failed because of it (a refused output, a cancelled stage).
            code = 0;
            stopped = true;
        }
        catch (Exception e)
        {
            code = Report(e, stderr);
        }
        // When the stop after the grace is already ending the process, wait for it instead of racing it.
        if (stop is not null && !stop.TryEnd()) Thread.Sleep(Timeout.Infinite);
        if (!stopped) return code;
        stderr.WriteLine(stop!.Line());
        return stop.ExitCode;
    }

    private static int Report(Exception e, TextWriter stderr)
    {
        if (e is InputException)
        {
            stderr.WriteLine($"clvml: error: {e.Message}");
            return BadInput;
        }
        if (EnvironmentFailure.TryDescribe(e, out var code, out var message))
        {
            stderr.WriteLine($"clvml: {message}");
            return code;
        }
        stderr.WriteLine($"clvml: internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")} "
            + $"This is a bug in ClvML; please report it with the command line (set {DebugVariable}=1 to print the stack trace).");
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DebugVariable))) stderr.WriteLine(e);
        return RuntimeFailure;
    }
}
