namespace ClvML.NotebookRunner;

/// <summary>What one code cell did.</summary>
/// <param name="Cell">1-based position among all the notebook's cells, markdown included (as an editor numbers them).</param>
/// <param name="Kernel">The cell's kernel name.</param>
/// <param name="FirstLine">The cell's first line of code, to recognise it by in a message.</param>
/// <param name="Succeeded">Whether the kernel reported success.</param>
/// <param name="Error">The kernel's error text (compile diagnostics or the exception), or null.</param>
/// <param name="Outputs">Every value the cell displayed or returned, and what it wrote to stdout and stderr, in order.</param>
/// <param name="Seconds">Wall time of the cell.</param>
internal sealed record CellOutcome(int Cell, string Kernel, string FirstLine, bool Succeeded, string? Error, IReadOnlyList<CellOutput> Outputs, double Seconds);

/// <summary>One formatted value of a cell's output.</summary>
/// <param name="Kind">The kernel event: ReturnValueProduced, DisplayedValueProduced, StandardOutputValueProduced, ...</param>
/// <param name="MimeType">text/plain, text/html, ...</param>
/// <param name="Value">The formatted text.</param>
internal sealed record CellOutput(string Kind, string MimeType, string Value);

/// <summary>A whole run: the notebook and its code cells up to and including the first that failed.</summary>
internal sealed record NotebookOutcome(string Notebook, string WorkingDirectory, IReadOnlyList<CellOutcome> Cells, int CodeCells);
