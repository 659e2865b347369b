namespace ClvML.Tests.Data.ParquetWriting;

/// <summary>A fresh folder under the system temp folder, deleted with its files at the end of a test class.</summary>
public sealed class TemporaryFolder : IDisposable
{
    /// <summary>The folder.</summary>
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "clvml-parquet-writing-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>A file name inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
