using System.Reflection;
using ClvML.Features;

namespace ClvML.Tests.Repository;

/// <summary>
/// The library's public types are its users' API (notebooks, services, ML.NET pipelines): the list is kept in
/// PublicApi.txt, so a type becomes public, or stops being, only by a deliberate change to that file. Everything
/// else is internal (the tests see internals through InternalsVisibleTo).
/// </summary>
public sealed class PublicApiTests
{
    private static string ListPath => Path.Combine(SharedData.RepositoryRoot, "tests", "ClvML.Tests", "Repository", "PublicApi.txt");

    private static List<string> Exported() =>
        [.. typeof(FeatureBuilder).Assembly.GetExportedTypes().Select(t => t.FullName!.Replace('+', '.')).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_public_types_are_the_listed_ones()
    {
        var exported = Exported();
        // CLVML_UPDATE_PUBLIC_API=1 rewrites the list from the build, for a change that means to alter the API.
        if (Environment.GetEnvironmentVariable("CLVML_UPDATE_PUBLIC_API") == "1") File.WriteAllLines(ListPath, exported);
        var listed = File.ReadAllLines(ListPath).Where(l => l.Length > 0).ToList();
        var added = exported.Except(listed).ToList();
        var removed = listed.Except(exported).ToList();
        Assert.True(added.Count == 0 && removed.Count == 0,
            $"The public API changed. Newly public: [{string.Join(", ", added)}]; no longer public: [{string.Join(", ", removed)}]. "
            + "Make a type internal unless users need it; to accept the change, run the test with CLVML_UPDATE_PUBLIC_API=1.");
    }

    [Fact]
    public void No_two_public_types_share_a_simple_name()
    {
        // A notebook imports several namespaces at once; two public types with one name (the clash of the
        // configuration's and Parquet's TimeUnit) make it write full names.
        var clashes = typeof(FeatureBuilder).Assembly.GetExportedTypes().Where(t => !t.IsNested).GroupBy(t => t.Name)
            .Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.Namespace))}").ToList();
        Assert.True(clashes.Count == 0, "public types sharing a name: " + string.Join("; ", clashes));
    }
}
