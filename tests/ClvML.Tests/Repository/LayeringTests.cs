namespace ClvML.Tests.Repository;

/// <summary>
/// The library's layers, bottom to top: numerics &lt;- data &lt;- features &lt;- models &lt;- the model registry &lt;- search and
/// evaluation &lt;- configuration &lt;- persistence &lt;- training, scoring and interop &lt;- CLI. A namespace may
/// use its own layer and those below; no namespace may reach upward, and namespaces of one layer may not
/// use each other in a cycle. A new namespace must be placed here before it can be used.
/// </summary>
public sealed class LayeringTests
{
    private static readonly (string Layer, string[] Namespaces)[] Layers =
    [
        ("numerics", ["ClvML", "ClvML.Numerics"]),
        ("data", ["ClvML.Data", "ClvML.Data.*"]),
        ("features", ["ClvML.Features"]),
        ("models", ["ClvML.Models", "ClvML.Trees", "ClvML.Linear", "ClvML.Clustering", "ClvML.Probabilistic", "ClvML.Formulas", "ClvML.MLNet"]),
        ("registry", ["ClvML.Registry"]),
        ("search and evaluation", ["ClvML.AutoML", "ClvML.Evaluation", "ClvML.Evaluation.*"]),
        ("configuration", ["ClvML.Configuration"]),
        ("persistence", ["ClvML.Persistence"]),
        ("training, scoring and interop", ["ClvML.Training", "ClvML.Scoring", "ClvML.Interop"]),
        ("cli", ["ClvML.Cli", "ClvML.Cli.*"]),
    ];

    private static readonly Lazy<NamespaceDependencies> Dependencies = new(() => NamespaceDependencies.Read(
        Path.Combine(SharedData.RepositoryRoot, "src", "ClvML"), Path.Combine(SharedData.RepositoryRoot, "src", "ClvML.Cli")));

    private static int LayerOf(string ns)
    {
        for (var i = 0; i < Layers.Length; i++)
            foreach (var pattern in Layers[i].Namespaces)
                if (pattern.EndsWith(".*", StringComparison.Ordinal) ? ns.StartsWith(pattern[..^1], StringComparison.Ordinal) : ns == pattern) return i;
        return -1;
    }

    [Fact]
    public void Every_namespace_has_a_layer()
    {
        var unplaced = Dependencies.Value.Namespaces.Where(ns => LayerOf(ns) < 0).Order().ToList();
        Assert.True(unplaced.Count == 0, $"namespaces without a layer (add them to {nameof(LayeringTests)}.Layers): {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void No_namespace_reaches_upward()
    {
        var upward = Upward(Dependencies.Value);
        Assert.True(upward.Count == 0, $"{upward.Count} upward dependencies:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void Namespaces_of_one_layer_form_no_cycle()
    {
        var cycles = Cycles(Dependencies.Value);
        Assert.True(cycles.Count == 0, "namespace cycles:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void An_upward_use_and_a_cycle_are_reported_with_the_place()
    {
        // Two small sources: numerics reaching up to training, and a cycle between two data namespaces.
        var folder = Directory.CreateTempSubdirectory("clvml-layers-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "A.cs"), """
                namespace ClvML.Numerics { public static class A { public static int X => ClvML.Training.B.Y; } }
                namespace ClvML.Training { public static class B { public static int Y => 1; } }
                namespace ClvML.Data.One { public static class C { public static int X => ClvML.Data.Two.D.Y; } }
                namespace ClvML.Data.Two { public static class D { public static int Y => ClvML.Data.One.C.X; } }
                """);
            var dependencies = NamespaceDependencies.Read(folder.FullName);
            Assert.Equal(["ClvML.Numerics (numerics) uses ClvML.Training (training, scoring and interop) at A.cs:1"], Upward(dependencies));
            Assert.Equal(["ClvML.Data.One <-> ClvML.Data.Two: ClvML.Data.One -> ClvML.Data.Two at A.cs:3; ClvML.Data.Two -> ClvML.Data.One at A.cs:4"], Cycles(dependencies));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static List<string> Upward(NamespaceDependencies dependencies) =>
        [.. dependencies.Edges
            .Where(e => LayerOf(e.Key.From) >= 0 && LayerOf(e.Key.To) > LayerOf(e.Key.From))
            .Select(e => $"{e.Key.From} ({Layers[LayerOf(e.Key.From)].Layer}) uses {e.Key.To} ({Layers[LayerOf(e.Key.To)].Layer}) at {e.Value}")
            .Order()];

    private static List<string> Cycles(NamespaceDependencies dependencies)
    {
        var edges = dependencies.Edges.Keys.Where(e => LayerOf(e.From) == LayerOf(e.To)).ToList();
        return [.. StronglyConnected(edges).Where(c => c.Count > 1).Select(c => string.Join(" <-> ", c.Order()) + ": "
            + string.Join("; ", dependencies.Edges.Where(e => c.Contains(e.Key.From) && c.Contains(e.Key.To)).OrderBy(e => e.Key.From, StringComparer.Ordinal)
                .Select(e => $"{e.Key.From} -> {e.Key.To} at {e.Value}")))];
    }

    [Fact]
    public void The_check_sees_a_known_dependency()
    {
        // Guards the reader itself: training uses the features layer (FeatureBuilder), so an empty or
        // blind dependency list cannot pass the tests above.
        Assert.Contains(("ClvML.Training", "ClvML.Features"), Dependencies.Value.Edges.Keys);
    }

    /// <summary>Tarjan's strongly connected components (Tarjan 1972, SIAM J. Comput. 1(2)).</summary>
    private static List<HashSet<string>> StronglyConnected(IReadOnlyList<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<HashSet<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in next.GetValueOrDefault(v, []))
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new HashSet<string>();
            string u;
            do { u = stack.Pop(); onStack.Remove(u); component.Add(u); } while (u != v);
            result.Add(component);
        }
        foreach (var v in edges.SelectMany(e => new[] { e.From, e.To }).Distinct().Order()) if (!index.ContainsKey(v)) Visit(v);
        return result;
    }
}
