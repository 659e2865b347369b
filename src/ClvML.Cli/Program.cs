namespace ClvML.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        using var stop = StopSignal.Register(Console.Error);
        return CliApp.Run(args, Console.Out, Console.Error, CliConsole.IsInteractiveTerminal(), stop);
    }
}
