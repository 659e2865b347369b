using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClvML.Tests.Repository;

/// <summary>
/// Which ClvML namespace uses which, read from the sources with Roslyn's semantic model: every name in
/// code (not in doc comments) that binds to a ClvML type or member counts, with the first place it occurs.
/// </summary>
internal sealed class NamespaceDependencies
{
    private NamespaceDependencies(IReadOnlyDictionary<(string From, string To), string> edges) => Edges = edges;

    /// <summary>(user, used) -> "file:line" of the first use.</summary>
    public IReadOnlyDictionary<(string From, string To), string> Edges { get; }

    /// <summary>Every namespace that declares code.</summary>
    public IEnumerable<string> Namespaces => Edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct();

    /// <summary>Reads every .cs file under <paramref name="sourceRoots"/> (folders) as one compilation.</summary>
    public static NamespaceDependencies Read(params string[] sourceRoots)
    {
        var trees = sourceRoots
            .SelectMany(root => Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
            .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview), p))
            .ToList();
        // The framework and the packages the library uses, from this test's own output folder: unresolved
        // outside types would not matter (only ClvML's own symbols are counted), but resolved ones keep
        // overload resolution, and so the member a call binds to, exact.
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(p => !Path.GetFileName(p).StartsWith("ClvML", StringComparison.Ordinal))
            .DistinctBy(Path.GetFileName)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("ClvML.Layers", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        var edges = new Dictionary<(string, string), string>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var type in tree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
            {
                var from = model.GetDeclaredSymbol(type)?.ContainingNamespace.ToDisplayString();
                if (from is null) continue;
                foreach (var name in type.DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    if (name.Ancestors().OfType<BaseTypeDeclarationSyntax>().First() != type) continue; // nested types count as their own
                    var info = model.GetSymbolInfo(name);
                    var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                    var to = NamespaceOf(symbol);
                    if (to is null || to == from || !IsClvML(to)) continue;
                    edges.TryAdd((from, to), $"{Path.GetRelativePath(sourceRoots[0], tree.FilePath)}:{name.GetLocation().GetLineSpan().StartLinePosition.Line + 1}");
                }
            }
        }
        return new NamespaceDependencies(edges);
    }

    private static bool IsClvML(string ns) => ns == "ClvML" || ns.StartsWith("ClvML.", StringComparison.Ordinal);

    private static string? NamespaceOf(ISymbol? symbol) => symbol switch
    {
        null or INamespaceSymbol or ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol or IDiscardSymbol => null,
        ITypeParameterSymbol => null,
        IMethodSymbol { ReducedFrom: { } extension } => extension.ContainingNamespace?.ToDisplayString(),
        INamedTypeSymbol type => type.ContainingNamespace?.ToDisplayString(),
        IArrayTypeSymbol array => NamespaceOf(array.ElementType),
        _ => symbol.ContainingType is { } owner ? owner.ContainingNamespace?.ToDisplayString() : symbol.ContainingNamespace?.ToDisplayString(),
    };
}
