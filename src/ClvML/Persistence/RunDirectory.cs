namespace ClvML.Persistence;

/// <summary>
/// A run directory under construction: everything is written into a hidden temporary folder
/// beside the final one and renamed into place by <see cref="Commit"/>, so a crash never leaves a
/// half-written run that looks whole. The final name is the run name, or the name with -2, -3, ...
/// when it is taken.
/// </summary>
public sealed class RunDirectory : IDisposable
{
    private readonly string _modelsDir;
    private readonly string _name;
    private bool _committed;

    private RunDirectory(string modelsDir, string name, string temporaryPath)
    {
        _modelsDir = modelsDir;
        _name = name;
        Path = temporaryPath;
    }

    /// <summary>Where files are written until <see cref="Commit"/>; afterwards the final folder.</summary>
    public string Path { get; private set; }

    /// <summary>Starts a run named <paramref name="name"/> under <paramref name="modelsDir"/> (created if absent).</summary>
    public static RunDirectory Create(string modelsDir, string name)
    {
        Directory.CreateDirectory(modelsDir);
        var temporary = System.IO.Path.Combine(modelsDir, $".{name}.incomplete-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        return new RunDirectory(modelsDir, name, temporary);
    }

    /// <summary>Full path of a file inside the run, creating its folder.</summary>
    public string File(string relativePath)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }

    /// <summary>Renames the finished run into place and returns its final path.</summary>
    public string Commit()
    {
        for (var attempt = 1; ; attempt++)
        {
            var final = System.IO.Path.Combine(_modelsDir, attempt == 1 ? _name : $"{_name}-{attempt}");
            if (Directory.Exists(final) || System.IO.File.Exists(final)) continue;
            try
            {
                Directory.Move(Path, final);
            }
            catch (IOException) when (Directory.Exists(final))
            {
                continue; // another process took the name between the check and the move
            }
            Path = final;
            _committed = true;
            return final;
        }
    }

    /// <summary>Removes the temporary folder of a run that was not committed.</summary>
    public void Dispose()
    {
        if (!_committed && Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
