using System.Runtime.InteropServices;

namespace ClvML.MLNet;

/// <summary>
/// Makes LightGBM's OpenMP threads sleep instead of spin while they wait (<c>OMP_WAIT_POLICY=PASSIVE</c>, OpenMP 5.2
/// section 21.2.3), unless the user has chosen a policy. By default GNU OpenMP threads spin at every barrier; when the
/// machine has more runnable threads than cores (a shared machine, or ClvML's own parallel stages), the spinning
/// threads take the cores the working ones need, and a LightGBM fit on every core becomes orders of magnitude slower
/// than on one (tests/ClvML.Benchmarks/README.md has the measurement). libgomp reads the variable once, when it is
/// loaded with LightGBM's native library, and from the process environment, which on Unix .NET's
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach: so it is set through libc's setenv,
/// before the first LightGBM fit.
/// </summary>
internal static partial class OpenMpWaitPolicy
{
    private const string Variable = "OMP_WAIT_POLICY";
    private static int _applied;

    /// <summary>Sets the passive policy once per process, where the user has not set one.</summary>
    public static void EnsurePassive()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1) return;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))) return;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) _ = SetEnvironment(Variable, "PASSIVE", 0);
        Environment.SetEnvironmentVariable(Variable, "PASSIVE");
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
