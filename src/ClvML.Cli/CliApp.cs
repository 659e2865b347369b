using System.CommandLine;

namespace ClvML.Cli;

/// <summary>
/// The <c>clvml</c> command line. Exit codes: 0 success; 1 runtime failure; 2 bad usage, bad
/// config or bad input (an <see cref="InputException"/>), always with a message naming the place.
/// </summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int RuntimeFailure = 1;
    public const int BadInput = 2;

    /// <summary>Parses and runs one command line.</summary>
    /// <param name="args">Arguments after the program name.</param>
    /// <param name="stdout">Where results and progress lines go.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <param name="interactive">Whether a live progress display may be drawn (a terminal, not CI).</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false)
    {
        var console = new CliConsole(stdout, stderr, interactive);
        var root = new RootCommand("ClvML: customer lifetime value from transaction logs.")
        {
            TrainCommand.Create(console),
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
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (InputException e)
        {
            stderr.WriteLine($"clvml: error: {e.Message}");
            return BadInput;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"clvml: runtime failure: {e.GetType().Name}: {e.Message}");
            stderr.WriteLine(e.StackTrace);
            return RuntimeFailure;
        }
    }
}
