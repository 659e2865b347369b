using System.Text.Json;
using ClvML.Features;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace ClvML.Tests.Notebooks;

/// <summary>
/// Runs every C# code cell of every notebook in notebooks/, in order, as one script session (as
/// Polyglot does), so a notebook that no longer compiles or throws fails the build. <c>#r</c> lines
/// name the library's build output for Polyglot; here the test's own reference is used instead.
/// </summary>
public sealed class NotebookTests
{
    public static TheoryData<string> Notebooks() =>
        [.. Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "notebooks"), "*.ipynb").Select(p => Path.GetFileName(p)).Order()];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Every_code_cell_runs(string notebook)
    {
        var cells = CodeCells(Path.Combine(SharedData.RepositoryRoot, "notebooks", notebook));
        Assert.NotEmpty(cells);
        var options = ScriptOptions.Default.AddReferences(typeof(FeatureBuilder).Assembly).AddImports("System", "System.Linq", "System.Collections.Generic");
        ScriptState<object>? state = null;
        foreach (var (code, index) in cells.Select((c, i) => (c, i)))
        {
            try
            {
                state = state is null
                    ? await CSharpScript.RunAsync(code, options, cancellationToken: TestContext.Current.CancellationToken)
                    : await state.ContinueWithAsync(code, options, TestContext.Current.CancellationToken);
            }
            catch (CompilationErrorException e)
            {
                Assert.Fail($"{notebook}, code cell {index + 1} does not compile: {string.Join("; ", e.Diagnostics)}");
            }
            Assert.Null(state.Exception);
        }
    }

    [Fact]
    public async Task The_features_notebook_accounts_for_every_row()
    {
        var cells = CodeCells(Path.Combine(SharedData.RepositoryRoot, "notebooks", "01-features.ipynb"));
        var options = ScriptOptions.Default.AddReferences(typeof(FeatureBuilder).Assembly).AddImports("System", "System.Linq");
        var state = await CSharpScript.RunAsync(cells[0], options, cancellationToken: TestContext.Current.CancellationToken);
        state = await state.ContinueWithAsync(cells[1], options, TestContext.Current.CancellationToken);
        var summary = Assert.IsType<string>(state.ReturnValue);
        Assert.StartsWith("5,000 customers; rows read ", summary);
        var built = Assert.IsType<FeatureBuildResult>(state.GetVariable("built").Value);
        Assert.Equal(built.Rejects.RowsRead, built.Rejects.Accepted + built.Rejects.Rejected);
        Assert.True(built.Rejects.Rejected > 0);
    }

    private static List<string> CodeCells(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString())))
            .Select(code => string.Join("\n", code.Split('\n').Where(l => !l.TrimStart().StartsWith("#r ", StringComparison.Ordinal))))
            .ToList();
    }
}
