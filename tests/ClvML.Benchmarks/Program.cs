using BenchmarkDotNet.Running;

namespace ClvML.Benchmarks;

/// <summary>
/// Benchmarks are not part of the test run. <c>dotnet run -c Release --project tests/ClvML.Benchmarks -- --help</c>
/// lists them; timing harnesses that compare with the Python peers are named commands.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
