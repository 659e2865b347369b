using System.Diagnostics;

namespace ClvML.Tests.Notebooks;

/// <summary>
/// The environment of a command a user would type: the test host runs under <c>dotnet test</c>, whose MSBuild
/// variables would otherwise steer a nested <c>dotnet build</c> and the notebook kernel's own restores.
/// </summary>
internal static class ChildProcessEnvironment
{
    public static void AsInAShell(ProcessStartInfo start)
    {
        foreach (var name in start.Environment.Keys.ToList())
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                start.Environment.Remove(name);
    }
}
