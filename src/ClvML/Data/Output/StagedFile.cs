namespace ClvML.Data.Output;

/// <summary>
/// A file written under a hidden temporary name beside its target (<c>.NAME.GUID.tmp</c>, the same
/// folder, so the rename is atomic) and renamed into place by <see cref="Commit"/>: a reader sees the
/// old file or the whole new one, never half a file. Disposing without committing deletes the
/// temporary file. The target's folder is created when missing.
/// </summary>
internal sealed class StagedFile : IIncompleteOutput, IDisposable
{
    private readonly Lock _gate = new();
    private bool _done;

    /// <summary>Starts a file that will replace <paramref name="path"/>.</summary>
    /// <exception cref="OperationCanceledException">The process is stopping (<see cref="IncompleteOutputs.Stop"/>).</exception>
    public StagedFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        TemporaryPath = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        IncompleteOutputs.Add(this);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch
        {
            IncompleteOutputs.Remove(this, deleted: false);
            throw;
        }
    }

    /// <summary>Writes <paramref name="path"/> through a staged file: <paramref name="write"/> writes the temporary file it is given, which is then renamed onto the target.</summary>
    public static void Write(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(path, temporary =>
        {
            write(temporary);
            return true;
        });
    }

    /// <summary>As <see cref="Write(string, Action{string})"/>, returning what <paramref name="write"/> returns.</summary>
    public static T Write<T>(string path, Func<string, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var staged = new StagedFile(path);
        var result = write(staged.TemporaryPath);
        staged.Commit();
        return result;
    }

    /// <summary>The target file.</summary>
    public string Path { get; }

    /// <summary>Where the content is written until <see cref="Commit"/>.</summary>
    public string TemporaryPath { get; }

    /// <summary>Renames the written temporary file onto the target, replacing an older file.</summary>
    /// <exception cref="OperationCanceledException">The file was abandoned, or the process is stopping.</exception>
    /// <exception cref="IOException">The rename failed; the message names both files.</exception>
    public void Commit()
    {
        lock (_gate)
        {
            if (_done) throw new OperationCanceledException($"{Path}: the file was abandoned before it was complete.");
            IncompleteOutputs.ThrowIfStopped();
            try
            {
                File.Move(TemporaryPath, Path, overwrite: true);
            }
            catch (IOException e)
            {
                // File.Move's own message does not always say which files it was moving.
                throw new IOException($"renaming {TemporaryPath} to {Path} failed: {e.Message}", e);
            }
            _done = true;
        }
        IncompleteOutputs.Remove(this, deleted: false);
    }

    /// <summary>
    /// Runs <paramref name="write"/>, which writes the temporary file; when it refuses its input
    /// (<see cref="InputException"/>), what it wrote so far is committed before the error goes on,
    /// because it explains the error (the rows a read rejected before bad input stopped it).
    /// </summary>
    public T KeptOnInputError<T>(Func<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            return write();
        }
        catch (InputException) when (File.Exists(TemporaryPath))
        {
            Commit();
            throw;
        }
    }

    /// <inheritdoc />
    public bool Abandon()
    {
        lock (_gate)
        {
            if (_done) return false;
            _done = true;
        }
        var existed = File.Exists(TemporaryPath);
        DeleteTemporary();
        IncompleteOutputs.Remove(this, deleted: existed);
        return existed;
    }

    /// <summary>Deletes the temporary file unless <see cref="Commit"/> renamed it.</summary>
    public void Dispose() => Abandon();

    private void DeleteTemporary()
    {
        try
        {
            File.Delete(TemporaryPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Cleaning up after a failure must not hide the failure itself.
        }
    }
}
