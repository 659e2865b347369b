namespace ClvML.Cli;

/// <summary>The <c>clvml</c> command line; commands are added as the suite grows.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stdout.WriteLine("clvml: no command yet");
        return args.Length == 0 ? 0 : 2;
    }
}
