using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace ClvML.NotebookRunner;

/// <summary>
/// The C# kernel as the dotnet-interactive tool behind Polyglot Notebooks and Jupyter sets it up: <c>#r</c>
/// of a file or a NuGet package, <c>#i</c> for package sources, the <c>display()</c> helpers, <c>#!who</c> and
/// value sharing, inside a composite kernel whose default language is C#.
/// </summary>
internal static class NotebookKernel
{
    public const string CSharp = "csharp";

    public static CompositeKernel Create()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, packages) =>
            {
                kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
                return Task.CompletedTask;
            }, false)
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();
        var composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = CSharp;
        return composite;
    }
}
