using System.IO.Compression;
using Microsoft.ML;

namespace ClvML.MLNet;

/// <summary>
/// Writes an ML.NET model file whose bytes depend only on the model: <c>MLContext.Model.Save</c> stamps every zip entry
/// with the time of saving, so two trainings with the same seed and data would write different files (and hashes)
/// for the same model. The entries are copied, in ML.NET's order and with its contents, into a zip whose entries all
/// carry one fixed time; ML.NET reads the result as it reads its own.
/// </summary>
internal static class ModelZip
{
    /// <summary>The time every entry carries (the earliest a zip can record, 1980-01-01).</summary>
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Saves <paramref name="model"/> with <paramref name="inputSchema"/> to <paramref name="path"/>, followed by <paramref name="extraEntries"/>.</summary>
    public static void Save(MLContext ml, ITransformer model, DataViewSchema inputSchema, string path, IEnumerable<(string Name, byte[] Content)>? extraEntries = null)
    {
        using var saved = new MemoryStream();
        ml.Model.Save(model, inputSchema, saved);
        saved.Position = 0;
        using var source = new ZipArchive(saved, ZipArchiveMode.Read);
        using var file = File.Create(path);
        using var target = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var entry in source.Entries)
        {
            using var from = entry.Open();
            Write(target, entry.FullName, from);
        }
        foreach (var (name, content) in extraEntries ?? [])
        {
            using var from = new MemoryStream(content, writable: false);
            Write(target, name, from);
        }
    }

    private static void Write(ZipArchive target, string name, Stream content)
    {
        var entry = target.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var to = entry.Open();
        content.CopyTo(to);
    }
}
