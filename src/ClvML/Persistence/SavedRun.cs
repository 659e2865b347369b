using ClvML.Configuration;

namespace ClvML.Persistence;

/// <summary>
/// A committed run directory opened for use (scoring, report rebuilding): the manifest is read and
/// every file it lists is checked to exist and to hash to the recorded SHA-256 before anything is
/// loaded, so a tampered or truncated file is refused up front, by name, instead of producing
/// quietly wrong scores. Format versions are checked per file by <see cref="Require"/>.
/// </summary>
public sealed class SavedRun
{
    private readonly Dictionary<string, RunFile> _byPath;

    private SavedRun(string path, RunManifest manifest, TrainConfig config)
    {
        Path = path;
        Manifest = manifest;
        Config = config;
        _byPath = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
    }

    /// <summary>The run directory.</summary>
    public string Path { get; }

    /// <summary>The run's manifest.</summary>
    public RunManifest Manifest { get; }

    /// <summary>The resolved config the run was trained with (column mapping, time units, models).</summary>
    public TrainConfig Config { get; }

    /// <summary>Opens and verifies the run at <paramref name="runPath"/>.</summary>
    /// <exception cref="RunIntegrityException">The folder is a run's temporary folder, or the folder, the manifest or a listed file is missing, altered or too new.</exception>
    public static SavedRun Open(string runPath)
    {
        var full = System.IO.Path.GetFullPath(runPath);
        if (RunDirectory.IsIncomplete(full))
            throw new RunIntegrityException(runPath, "the temporary folder of a training that has not finished (it is still running, or was stopped or killed), not a run; "
                + "use the run folder 'clvml train' printed, or train again (a later training removes folders whose process is gone)");
        if (!Directory.Exists(full))
            throw new RunIntegrityException(runPath, "no such run directory; pass a folder under models/ written by 'clvml train'");
        var manifestPath = System.IO.Path.Combine(full, "manifest.json");
        var manifest = RunManifest.Read(manifestPath);
        foreach (var file in manifest.Files)
        {
            var path = System.IO.Path.Combine(full, file.Path);
            if (!System.IO.File.Exists(path))
                throw new RunIntegrityException(path, $"listed in the manifest as {file.Kind} but missing; restore the run directory or train again");
            if (RunManifest.HashFile(path) != file.Sha256)
                throw new RunIntegrityException(path, "its SHA-256 differs from the one in manifest.json, so it was changed after training; restore the original file or train again");
        }
        TrainConfig config;
        try
        {
            config = TrainConfigLoader.Parse(manifest.ConfigYaml, manifestPath + " (config)");
        }
        catch (ConfigException e)
        {
            throw new RunIntegrityException(manifestPath, $"its config does not parse ({e.Message}); train again with this ClvML");
        }
        return new SavedRun(full, manifest, config);
    }

    /// <summary>Whether the run has the file <paramref name="relativePath"/>.</summary>
    public bool Has(string relativePath) => _byPath.ContainsKey(relativePath);

    /// <summary>
    /// The full path of a verified file of the run, after checking that its format version is one
    /// this build reads (at most <paramref name="newestFormatVersion"/>).
    /// </summary>
    /// <exception cref="RunIntegrityException">The file is not in the run, or its format is newer.</exception>
    public string Require(string relativePath, int newestFormatVersion)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        if (!_byPath.TryGetValue(relativePath, out var file))
            throw new RunIntegrityException(path, "not part of this run (the run was trained without the stage that writes it); enable that stage and train again");
        if (file.FormatVersion > newestFormatVersion)
            throw new RunIntegrityException(path, $"format version {file.FormatVersion} is newer than this ClvML reads ({newestFormatVersion}); upgrade ClvML or retrain the run");
        return path;
    }
}
