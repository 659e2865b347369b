using ClvML.Data.Output;

namespace ClvML.Persistence;

/// <summary>
/// A run directory under construction: everything is written into a hidden temporary folder
/// beside the final one (<c>.NAME.incomplete-GUID</c>) and renamed into place by <see cref="Commit"/>,
/// so a crash never leaves a half-written run that looks whole. The final name is the run name, or
/// the name with -2, -3, ... when it is taken. Beside the temporary folder an owner file
/// (<see cref="RunDirectoryOwner"/>) says which process writes it, so a later training can tell a
/// folder whose process died (<see cref="RemoveLeftovers"/>) from one that is still being written.
/// </summary>
public sealed partial class RunDirectory : IIncompleteOutput, IDisposable
{
    private const string IncompleteMarker = ".incomplete-";

    private readonly string _modelsDir;
    private readonly string _name;
    private readonly RunDirectoryOwner _owner;
    private readonly Lock _gate = new();
    private volatile bool _writing = true;
    private bool _committed;

    private RunDirectory(string modelsDir, string name, string temporaryPath, RunDirectoryOwner owner)
    {
        _modelsDir = modelsDir;
        _name = name;
        _owner = owner;
        Path = temporaryPath;
        TemporaryPath = temporaryPath;
    }

    /// <summary>Where files are written until <see cref="Commit"/>; afterwards the final folder.</summary>
    public string Path { get; private set; }

    /// <summary>The hidden folder the run is written into.</summary>
    public string TemporaryPath { get; }

    /// <summary>Starts a run named <paramref name="name"/> under <paramref name="modelsDir"/> (created if absent).</summary>
    /// <exception cref="OperationCanceledException">The process is stopping (<see cref="IncompleteOutputs.Stop"/>).</exception>
    public static RunDirectory Create(string modelsDir, string name)
    {
        IncompleteOutputs.ThrowIfStopped();
        Directory.CreateDirectory(modelsDir);
        var temporary = System.IO.Path.Combine(modelsDir, $".{name}{IncompleteMarker}{Guid.NewGuid():N}");
        // The owner file first and the folder second, so a folder never exists without its owner.
        var owner = RunDirectoryOwner.Claim(temporary);
        RunDirectory run;
        try
        {
            Directory.CreateDirectory(temporary);
            run = new RunDirectory(modelsDir, name, temporary, owner);
        }
        catch
        {
            owner.Release(removeRecord: !Directory.Exists(temporary));
            throw;
        }
        try
        {
            IncompleteOutputs.Add(run);
        }
        catch
        {
            owner.Release(removeRecord: run.DeleteFolder());
            throw;
        }
        return run;
    }

    /// <summary>Whether <paramref name="path"/> is the temporary folder of a run being written (or of one whose training died): never a run.</summary>
    public static bool IsIncomplete(string path)
    {
        var name = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(path));
        return name.StartsWith('.') && name.Contains(IncompleteMarker, StringComparison.Ordinal);
    }

    /// <summary>Full path of a file inside the run, creating its folder.</summary>
    /// <exception cref="OperationCanceledException">The run was abandoned (a stop of the process): no new file is started in it.</exception>
    public string File(string relativePath)
    {
        if (!_writing && !_committed) throw new OperationCanceledException($"{TemporaryPath}: the run was abandoned; no file is written into it.");
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }

    /// <summary>Renames the finished run into place and returns its final path.</summary>
    /// <exception cref="OperationCanceledException">The run was abandoned, or the process is stopping: a stopped training commits nothing.</exception>
    public string Commit()
    {
        string final;
        lock (_gate)
        {
            if (!_writing) throw new OperationCanceledException($"{TemporaryPath}: the run was abandoned or is already committed.");
            IncompleteOutputs.ThrowIfStopped();
            final = MoveIntoPlace();
            Path = final;
            _committed = true;
            _writing = false;
        }
        _owner.Release(removeRecord: true);
        IncompleteOutputs.Remove(this, deleted: false);
        return final;
    }

    /// <inheritdoc />
    public bool Abandon()
    {
        lock (_gate)
        {
            if (!_writing) return false;
            _writing = false;
        }
        // A folder that could not be deleted keeps its owner record, so a later training removes it.
        _owner.Release(removeRecord: DeleteFolder());
        IncompleteOutputs.Remove(this, deleted: true);
        return true;
    }

    /// <summary>Removes the temporary folder of a run that was not committed.</summary>
    public void Dispose() => Abandon();

    private string MoveIntoPlace()
    {
        for (var attempt = 1; ; attempt++)
        {
            var final = System.IO.Path.Combine(_modelsDir, attempt == 1 ? _name : $"{_name}-{attempt}");
            if (Directory.Exists(final) || System.IO.File.Exists(final)) continue;
            try
            {
                Directory.Move(TemporaryPath, final);
                return final;
            }
            catch (IOException) when (Directory.Exists(final))
            {
                // another process took the name between the check and the move
            }
            catch (IOException e)
            {
                // Directory.Move's own message does not always say which folders it was moving.
                throw new IOException($"renaming {TemporaryPath} to {final} failed: {e.Message}", e);
            }
        }
    }

    /// <summary>
    /// Deletes the temporary folder; false when it could not be. A writer that has not seen the stop
    /// yet may still be adding a file while the tree is removed, so a folder that is not empty on the
    /// way out is tried again.
    /// </summary>
    private bool DeleteFolder() => DeleteTree(TemporaryPath);

    private static bool DeleteTree(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                return true;
            }
            catch (Exception e) when ((e is IOException or UnauthorizedAccessException) && attempt < 5)
            {
                Thread.Sleep(20);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Cleaning up after a failure must not hide the failure itself.
                return false;
            }
        }
    }
}
