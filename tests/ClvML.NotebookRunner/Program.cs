using System.Globalization;
using System.Text.Json;
using ClvML.NotebookRunner;

// Runs one notebook in the .NET Interactive C# kernel and writes what every code cell did as JSON:
//   ClvML.NotebookRunner NOTEBOOK.ipynb --output RESULT.json [--working-directory DIR] [--cell-timeout-seconds N]
// The working directory defaults to the notebook's folder, as in Polyglot Notebooks and Jupyter.
// Exit code: 0 when every code cell succeeded, 1 when one failed, 2 when the run itself could not be made.
if (args.Length == 0 || args[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: ClvML.NotebookRunner NOTEBOOK.ipynb --output RESULT.json [--working-directory DIR] [--cell-timeout-seconds N]");
    return 2;
}
var notebook = Path.GetFullPath(args[0]);
string? output = null;
var workingDirectory = Path.GetDirectoryName(notebook)!;
var cellTimeout = TimeSpan.FromMinutes(5);
for (var i = 1; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--output" when value is not null: output = Path.GetFullPath(value); i++; break;
        case "--working-directory" when value is not null: workingDirectory = Path.GetFullPath(value); i++; break;
        case "--cell-timeout-seconds" when value is not null: cellTimeout = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)); i++; break;
        default: Console.Error.WriteLine($"unknown or incomplete option '{args[i]}'"); return 2;
    }
}
if (output is null)
{
    Console.Error.WriteLine("--output RESULT.json is required");
    return 2;
}
var outcome = await NotebookExecution.RunAsync(notebook, workingDirectory, cellTimeout);
await File.WriteAllTextAsync(output, JsonSerializer.Serialize(outcome, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
// A cell that timed out may leave kernel threads running; the result is written, so end the process outright.
var exitCode = outcome.Cells.All(c => c.Succeeded) ? 0 : 1;
Environment.Exit(exitCode);
return exitCode;
