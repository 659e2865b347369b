namespace ClvML.Persistence;

/// <summary>What <see cref="RunDirectory.RemoveLeftovers"/> found in a models folder.</summary>
/// <param name="Removed">Temporary run folders whose training process is gone, deleted.</param>
/// <param name="Unowned">Temporary run folders without an owner file (written by an older ClvML, or just starting), left alone.</param>
public sealed record RunLeftovers(IReadOnlyList<string> Removed, IReadOnlyList<string> Unowned);

public sealed partial class RunDirectory
{
    /// <summary>
    /// Deletes the temporary folders under <paramref name="modelsDir"/> that a training left behind
    /// when its process died (SIGKILL, power loss), and only those: a folder whose owner still runs,
    /// here or on another machine sharing the folder, is left alone, as is one without an owner file.
    /// </summary>
    public static RunLeftovers RemoveLeftovers(string modelsDir)
    {
        if (!Directory.Exists(modelsDir)) return new RunLeftovers([], []);
        var removed = new List<string>();
        var unowned = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories(modelsDir).Where(IsIncomplete).Order(StringComparer.Ordinal))
        {
            var owner = folder + RunDirectoryOwner.Suffix;
            if (!System.IO.File.Exists(owner)) unowned.Add(folder);
            else if (RunDirectoryOwner.IsGone(owner) && DeleteTree(folder))
            {
                DeleteStrayOwner(owner);
                removed.Add(folder);
            }
        }
        // An owner file without its folder: the process died between committing or removing the folder and deleting the file.
        foreach (var owner in Directory.EnumerateFiles(modelsDir, "*" + RunDirectoryOwner.Suffix))
        {
            var folder = owner[..^RunDirectoryOwner.Suffix.Length];
            // An empty file is an owner between creating and recording itself; its record follows at once.
            if (IsIncomplete(folder) && !Directory.Exists(folder) && new FileInfo(owner).Length > 0 && RunDirectoryOwner.IsGone(owner))
                DeleteStrayOwner(owner);
        }
        return new RunLeftovers(removed, unowned);
    }

    private static void DeleteStrayOwner(string owner)
    {
        try
        {
            System.IO.File.Delete(owner);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next training; the folder it described is gone.
        }
    }
}
