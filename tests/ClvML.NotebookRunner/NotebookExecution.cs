using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;

namespace ClvML.NotebookRunner;

/// <summary>
/// Runs a notebook's code cells in order, exactly as written (magic commands included), in one kernel, and
/// stops at the first cell that fails, as "Run All" in a notebook editor leaves the later cells unrun.
/// </summary>
internal static class NotebookExecution
{
    public static async Task<NotebookOutcome> RunAsync(string notebookPath, string workingDirectory, TimeSpan cellTimeout)
    {
        var document = Parse(notebookPath);
        // The kernel resolves relative #r paths and file names against the working directory, which
        // Polyglot Notebooks and Jupyter set to the notebook's folder.
        Directory.SetCurrentDirectory(workingDirectory);
        using var kernel = NotebookKernel.Create();
        var cells = new List<CellOutcome>();
        var code = document.Elements.Select((element, index) => (element, number: index + 1)).Where(c => IsCode(c.element)).ToList();
        foreach (var (element, number) in code)
        {
            var outcome = await RunCellAsync(kernel, element, number, cellTimeout);
            cells.Add(outcome);
            if (!outcome.Succeeded) break;
        }
        return new NotebookOutcome(notebookPath, workingDirectory, cells, code.Count);
    }

    /// <summary>Reads the .ipynb with the .NET Interactive document parser, C# being the default language as in the notebooks' metadata.</summary>
    private static InteractiveDocument Parse(string path)
    {
        var kernels = new KernelInfoCollection
        {
            new Microsoft.DotNet.Interactive.Documents.KernelInfo(NotebookKernel.CSharp, "C#", ["c#", "C#"]),
        };
        kernels.DefaultKernelName = NotebookKernel.CSharp;
        return Notebook.Parse(File.ReadAllText(path), kernels);
    }

    private static bool IsCode(InteractiveDocumentElement element) =>
        !string.Equals(element.KernelName, "markdown", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(element.Contents);

    private static async Task<CellOutcome> RunCellAsync(CompositeKernel kernel, InteractiveDocumentElement element, int number, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var kernelName = element.KernelName ?? NotebookKernel.CSharp;
        var firstLine = element.Contents.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        if (kernel.FindKernelByName(kernelName) is null)
            return new CellOutcome(number, kernelName, firstLine, false, $"the cell's kernel '{kernelName}' is not C#; the notebook runner has only the C# kernel", [], 0);
        using var cancel = new CancellationTokenSource();
        var send = kernel.SendAsync(new SubmitCode(element.Contents, kernelName), cancel.Token);
        if (await Task.WhenAny(send, Task.Delay(timeout)) != send)
        {
            cancel.Cancel();
            return new CellOutcome(number, kernelName, firstLine, false, $"still running after {timeout.TotalSeconds:0} s (timeout)", [], clock.Elapsed.TotalSeconds);
        }
        var result = await send;
        var outputs = new List<CellOutput>();
        var errors = new List<string>();
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case DisplayEvent display:
                    outputs.AddRange(display.FormattedValues.Select(v => new CellOutput(e.GetType().Name, v.MimeType, v.Value)));
                    break;
                case CommandFailed failed:
                    errors.Add(failed.Message);
                    break;
            }
        }
        var succeeded = errors.Count == 0;
        return new CellOutcome(number, kernelName, firstLine, succeeded, succeeded ? null : string.Join(Environment.NewLine, errors.Distinct()), outputs, clock.Elapsed.TotalSeconds);
    }
}
