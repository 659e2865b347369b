using Spectre.Console;

namespace ClvML.Cli;

/// <summary>
/// Output of the CLI: a live Spectre.Console status line on an interactive terminal, plain lines
/// when output is redirected or CI is set (logs stay readable and diffable).
/// </summary>
internal sealed class CliConsole(TextWriter stdout, TextWriter stderr, bool interactive)
{
    public TextWriter Out => stdout;
    public TextWriter Error => stderr;

    /// <summary>Whether a live display is drawn; false when redirected or under CI.</summary>
    public static bool IsInteractiveTerminal() =>
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Runs <paramref name="work"/>, showing each line it logs as progress.</summary>
    public T WithProgress<T>(string title, Func<Action<string>, T> work) => WithProgress(title, (log, _) => work(log));

    /// <summary>
    /// Runs <paramref name="work"/> with two channels: lines it logs are printed and shown as progress;
    /// status updates (e.g. AutoML trial counts) only refresh the live status line, and are dropped when
    /// output is plain, where one line per trial would bury the log.
    /// </summary>
    public T WithProgress<T>(string title, Func<Action<string>, Action<string>, T> work)
    {
        if (!interactive)
            return work(line => stdout.WriteLine(line), _ => { });
        return AnsiConsole.Status().Spinner(Spinner.Known.Dots).Start(title, context => work(line =>
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
            context.Status(Markup.Escape(line));
        }, line => context.Status(Markup.Escape(line))));
    }
}
