using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using ClvML.NotebookRunner;

namespace ClvML.Tests.Notebooks;

/// <summary>
/// Runs a notebook through tests/ClvML.NotebookRunner: the .NET Interactive C# kernel in a process of its own,
/// which has none of ClvML's assemblies, so the notebook's <c>#r</c> line alone must bring the library and all it
/// needs, as in a user's kernel. The reference is built first (<see cref="NotebookReference"/>).
/// </summary>
internal static class NotebookRun
{
    /// <summary>A whole notebook's limit; a cell's own limit in the runner is shorter, so a hung cell is named.</summary>
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(8);

    private const int CellTimeoutSeconds = 300;

    private static readonly ConcurrentDictionary<string, Lazy<Task<NotebookOutcome>>> Committed = new(StringComparer.Ordinal);

    /// <summary>
    /// Each run's temporary folder. A notebook that writes files (a training run, scores) writes them under the
    /// system's temporary folder, as a user's would; the runner gets a folder of its own as that, so the tests can
    /// read the files after the run, and the folders are removed when the test process ends.
    /// </summary>
    private static readonly ConcurrentBag<string> TemporaryFolders = [];

    static NotebookRun() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var folder in TemporaryFolders)
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    };

    /// <summary>The notebooks/ folder of the repository.</summary>
    public static string Folder => Path.Combine(SharedData.RepositoryRoot, "notebooks");

    /// <summary>
    /// The outcome of a committed notebook in notebooks/, run once per test run however many tests read it.
    /// </summary>
    public static Task<NotebookOutcome> CommittedAsync(string fileName) =>
        Committed.GetOrAdd(fileName, name => new Lazy<Task<NotebookOutcome>>(() => RunAsync(Path.Combine(Folder, name)))).Value;

    /// <summary>Runs the notebook at <paramref name="path"/> with the kernel's working directory at <paramref name="workingDirectory"/> (default: notebooks/).</summary>
    public static async Task<NotebookOutcome> RunAsync(string path, string? workingDirectory = null)
    {
        await NotebookReference.EnsureBuiltAsync();
        var result = Path.Combine(Path.GetTempPath(), $"clvml-notebook-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { RunnerPath(), path, "--output", result, "--working-directory", workingDirectory ?? Folder,
                     "--cell-timeout-seconds", CellTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        ChildProcessEnvironment.AsInAShell(start);
        var temporary = Directory.CreateTempSubdirectory("clvml-notebook-run-").FullName;
        TemporaryFolders.Add(temporary);
        // Path.GetTempPath reads TMPDIR on Unix and TMP (then TEMP) on Windows.
        foreach (var variable in new[] { "TMPDIR", "TMP", "TEMP" }) start.Environment[variable] = temporary;
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the notebook runner");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(ProcessTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{Path.GetFileName(path)}: the notebook runner was still running after {ProcessTimeout.TotalMinutes:0} minutes.");
            }
            if (!File.Exists(result))
                throw new InvalidOperationException($"{Path.GetFileName(path)}: the notebook runner exited with code {process.ExitCode} without a result:\n{await output}\n{await error}");
            return JsonSerializer.Deserialize<NotebookOutcome>(await File.ReadAllTextAsync(result), new JsonSerializerOptions(JsonSerializerDefaults.Web))
                ?? throw new InvalidOperationException("empty notebook runner result");
        }
        finally
        {
            File.Delete(result);
        }
    }

    /// <summary>The message of the first failed cell: the notebook file, the cell's number and first line, and the kernel's error text; null when every cell ran.</summary>
    public static string? Failure(NotebookOutcome outcome)
    {
        var failed = outcome.Cells.FirstOrDefault(c => !c.Succeeded);
        if (failed is not null)
            return $"{Path.GetFileName(outcome.Notebook)}, cell {failed.Cell} (`{failed.FirstLine}`): {failed.Error}";
        return outcome.Cells.Count == outcome.CodeCells ? null
            : $"{Path.GetFileName(outcome.Notebook)}: {outcome.Cells.Count} of {outcome.CodeCells} code cells ran";
    }

    /// <summary>The runner built with the tests, in the same configuration.</summary>
    private static string RunnerPath()
    {
        var configuration = typeof(NotebookRun).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var path = Path.Combine(SharedData.RepositoryRoot, "tests", "ClvML.NotebookRunner", "bin", configuration, framework, "ClvML.NotebookRunner.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The notebook runner is not built at {path}; it is built with tests/ClvML.Tests.", path);
    }
}
