namespace ClvML.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var interactive = CliConsole.IsInteractiveTerminal();
        using var stop = StopSignal.Register(Console.Error, interactive);
        return CliApp.Run(args, Console.Out, Console.Error, interactive, stop);
    }
}
