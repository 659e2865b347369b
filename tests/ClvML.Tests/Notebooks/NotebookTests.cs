using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClvML.NotebookRunner;

namespace ClvML.Tests.Notebooks;

/// <summary>
/// Every notebook in notebooks/ runs in the .NET Interactive C# kernel exactly as committed, cell by cell,
/// magic commands included, after the README's build command; a failure names the notebook, the cell and
/// the kernel's error. Notebooks are committed without outputs.
/// </summary>
public sealed partial class NotebookTests
{
    public static TheoryData<string> Notebooks() =>
        [.. Directory.GetFiles(NotebookRun.Folder, "*.ipynb").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Every_cell_runs_in_the_kernel_as_committed(string notebook)
    {
        RequireSharedDataWhenUsed(notebook);
        var outcome = await NotebookRun.CommittedAsync(notebook);
        if (NotebookRun.Failure(outcome) is { } failure) Assert.Fail(failure);
        Assert.NotEmpty(outcome.Cells);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Is_committed_without_outputs(string notebook)
    {
        var cells = Cells(notebook);
        Assert.All(cells.Where(c => (string?)c["cell_type"] == "code"), cell =>
        {
            Assert.Empty(cell["outputs"]!.AsArray());
            Assert.Null(cell["execution_count"]);
        });
        // A story: prose before the first code cell and between the code.
        Assert.Equal("markdown", (string?)cells[0]["cell_type"]);
        Assert.True(cells.Count(c => (string?)c["cell_type"] == "markdown") * 2 >= cells.Count(c => (string?)c["cell_type"] == "code"),
            $"{notebook} has little prose between its code cells");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void References_the_build_the_readme_names(string notebook)
    {
        var firstCode = Cells(notebook).First(c => (string?)c["cell_type"] == "code");
        var source = string.Concat(firstCode["source"]!.AsArray().Select(l => (string?)l));
        Assert.StartsWith($"#r \"../{NotebookReference.Assembly}\"", source);
        var readme = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "README.md"));
        Assert.Contains(NotebookReference.Command, readme);
        Assert.Contains($"notebooks/{notebook}", readme);
    }

    /// <summary>
    /// The runner's failure names the notebook and the cell and carries the kernel's error, for a cell that does not
    /// compile and for one that throws, in a temporary copy of the quick start with its third code cell replaced.
    /// </summary>
    [Theory]
    [InlineData("var broken = notDeclaredAnywhere + 1;", "error CS0103: The name 'notDeclaredAnywhere' does not exist in the current context")]
    [InlineData("throw new InvalidOperationException(\"deliberately broken\");", "System.InvalidOperationException: deliberately broken")]
    public async Task A_broken_cell_fails_the_run_naming_the_notebook_and_the_cell(string code, string kernelError)
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(NotebookRun.Folder, QuickStart)))!;
        var cells = document["cells"]!.AsArray();
        var codeCells = cells.Select((c, i) => (Cell: c!, Number: i + 1)).Where(c => (string?)c.Cell["cell_type"] == "code").ToList();
        var (broken, number) = codeCells[2];
        broken["source"] = new JsonArray(code);
        var folder = Directory.CreateTempSubdirectory("clvml-notebook-");
        try
        {
            var copy = Path.Combine(folder.FullName, "broken-copy.ipynb");
            File.WriteAllText(copy, document.ToJsonString());
            // The copy runs as if it were in notebooks/, so its #r line resolves as the original's does.
            var outcome = await NotebookRun.RunAsync(copy, NotebookRun.Folder);
            var failure = NotebookRun.Failure(outcome);
            Assert.NotNull(failure);
            Assert.StartsWith($"broken-copy.ipynb, cell {number} (`{code}`): ", failure);
            Assert.Contains(kernelError, failure);
            // The cells before it ran, and none after it.
            Assert.Equal(3, outcome.Cells.Count);
            Assert.All(outcome.Cells.Take(2), c => Assert.True(c.Succeeded));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The quick start's summary line adds up: every row read is accepted or rejected, and the sample's malformed rows are rejected.</summary>
    [Fact]
    public async Task The_quick_start_accounts_for_every_row()
    {
        var outcome = await RanAsync(QuickStart);
        var line = Outputs(outcome, "text/plain").Select(v => RowsLine().Match(v)).Single(m => m.Success);
        long Number(int group) => long.Parse(line.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.Equal(10_000, Number(1));
        Assert.Equal(Number(2), Number(3) + Number(4));
        Assert.True(Number(4) > 0);
    }

    /// <summary>The CDNOW notebook's comparison shows the BG/NBD estimates equal to Fader, Hardie &amp; Lee's (2005) to the three decimals they print.</summary>
    [Fact]
    public async Task The_cdnow_notebook_reproduces_the_published_bgnbd_parameters()
    {
        RequireSharedDataWhenUsed(Cdnow);
        var rows = Csv(await RanAsync(Cdnow), "Parameter,Published,ClvML");
        Assert.Equal(["r", "alpha", "a", "b"], rows.Select(r => r[0]));
        Assert.Equal(["0.243", "4.414", "0.793", "2.426"], rows.Select(r => r[1]));
        Assert.All(rows, r => Assert.Equal(double.Parse(r[1], CultureInfo.InvariantCulture), double.Parse(r[2], CultureInfo.InvariantCulture)));
    }

    /// <summary>The retailer notebook's saved and reloaded k-means model assigns its ten customers as training did, in more than one cluster.</summary>
    [Fact]
    public async Task The_retailer_notebook_assigns_customers_with_its_reloaded_model_as_training_did()
    {
        RequireSharedDataWhenUsed(Retailer);
        var rows = Csv(await RanAsync(Retailer), "Customer,Cluster,Label,SameAsTraining");
        Assert.Equal(10, rows.Count);
        Assert.All(rows, r => Assert.Equal("True", r[^1]));
        Assert.True(rows.Select(r => r[1]).Distinct().Count() > 1);
    }

    private const string QuickStart = "01-quick-start.ipynb";
    private const string Cdnow = "02-cdnow-fader-hardie-lee-2005.ipynb";
    private const string Retailer = "03-segmenting-a-retailer.ipynb";

    [GeneratedRegex(@"^([\d,]+) customers; rows read ([\d,]+) = accepted ([\d,]+) \+ rejected ([\d,]+)$")]
    private static partial Regex RowsLine();

    /// <summary>The committed notebook's run, failing the test with the runner's message when a cell failed.</summary>
    private static async Task<NotebookOutcome> RanAsync(string notebook)
    {
        var outcome = await NotebookRun.CommittedAsync(notebook);
        if (NotebookRun.Failure(outcome) is { } failure) Assert.Fail(failure);
        return outcome;
    }

    private static IEnumerable<string> Outputs(NotebookOutcome outcome, string mimeType) =>
        outcome.Cells.SelectMany(c => c.Outputs).Where(o => o.MimeType == mimeType).Select(o => o.Value);

    /// <summary>The rows of the one text/csv output (a table the notebook shows) with this header.</summary>
    private static List<string[]> Csv(NotebookOutcome outcome, string header)
    {
        var csv = Assert.Single(Outputs(outcome, "text/csv"), v => v.StartsWith(header + "\n", StringComparison.Ordinal));
        return [.. csv.Split('\n').Skip(1).Where(l => l.Length > 0).Select(Fields)];
    }

    /// <summary>The fields of one CSV line; a quoted field may hold commas (a cluster label: "high value, active").</summary>
    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') field.Append(line[++i]);
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return [.. fields];
    }

    private static List<JsonNode> Cells(string notebook) =>
        [.. JsonNode.Parse(File.ReadAllText(Path.Combine(NotebookRun.Folder, notebook)))!["cells"]!.AsArray().Select(c => c!)];

    /// <summary>A notebook that reads ../../shared/data is skipped when the data is absent, and fails then under CI.</summary>
    private static void RequireSharedDataWhenUsed(string notebook)
    {
        if (File.ReadAllText(Path.Combine(NotebookRun.Folder, notebook)).Contains("shared/data", StringComparison.Ordinal))
            SharedData.File("README.md");
    }
}
