using System.Diagnostics;

namespace ClvML.Tests.Notebooks;

/// <summary>
/// Makes the notebooks' first line, <c>#r "../src/ClvML.Interactive/bin/Debug/net10.0/ClvML.Interactive.dll"</c>,
/// resolve the way the README tells a user to: by running <see cref="Command"/> in the repository root. It runs
/// once per test run, however many notebooks are tested at once.
/// </summary>
internal static class NotebookReference
{
    /// <summary>The README's command (a test checks that the README says exactly this).</summary>
    public const string Command = "dotnet build src/ClvML.Interactive";

    /// <summary>The file the notebooks' <c>#r</c> line names, relative to the repository root.</summary>
    public const string Assembly = "src/ClvML.Interactive/bin/Debug/net10.0/ClvML.Interactive.dll";

    private static readonly Lazy<Task> Build = new(RunCommandAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Completes when the build has run; throws with the build's output when it failed.</summary>
    public static Task EnsureBuiltAsync() => Build.Value;

    private static async Task RunCommandAsync()
    {
        var parts = Command.Split(' ');
        var start = new ProcessStartInfo(parts[0])
        {
            WorkingDirectory = SharedData.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in parts.Skip(1)) start.ArgumentList.Add(argument);
        ChildProcessEnvironment.AsInAShell(start);
        // No build nodes are left running after the test run (they would outlive CI's test step).
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start '{Command}'");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{Command}' exited with code {process.ExitCode}:\n{await output}\n{await error}");
        var built = Path.Combine(SharedData.RepositoryRoot, Assembly);
        if (!File.Exists(built)) throw new InvalidOperationException($"'{Command}' succeeded but did not write {Assembly}, the notebooks' #r target.");
    }
}
