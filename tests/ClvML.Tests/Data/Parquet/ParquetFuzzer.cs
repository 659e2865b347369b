using System.Diagnostics;
using ClvML.Data.Parquet;

namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// Seeded mutation fuzzing of the Parquet reader: each case copies a valid file, damages it one way
/// (bit flips, byte overwrites, truncation, a varint or length field in the footer or a page header
/// made huge or negative, the footer length overwritten, bytes inserted or removed), then reads
/// everything: footer, every column of every row group, and every value's typed conversion. The only
/// acceptable failures are <see cref="ParquetFormatException"/> and <see cref="InputException"/>.
/// Shared by the bounded xunit test and the benchmark tool's long run (linked into both projects).
/// </summary>
internal sealed class ParquetFuzzer
{
    private readonly List<(string Name, byte[] Bytes, int[] PageOffsets, long FooterStart)> _files = [];

    /// <summary>Loads the files to mutate and finds their page and footer offsets from the intact copies.</summary>
    public ParquetFuzzer(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var bytes = File.ReadAllBytes(path);
            using var reader = ParquetFileReader.Open(new MemoryStream(bytes), path);
            var pages = reader.Footer.MetaData.RowGroups.SelectMany(g => g.Columns).Select(c => c.MetaData!)
                .SelectMany(m => new[] { m.DataPageOffset, m.DictionaryPageOffset ?? m.DataPageOffset }).Distinct().Select(o => (int)o).ToArray();
            _files.Add((Path.GetFileName(path), bytes, pages, reader.Footer.MetaDataOffset));
        }
    }

    /// <summary>What one run found.</summary>
    /// <param name="Cases">Mutations read.</param>
    /// <param name="Refused">Cases refused with a ParquetFormatException or InputException.</param>
    /// <param name="Crashes">One line per case that threw anything else: file, seed, kind, exception.</param>
    /// <param name="SlowestMilliseconds">Longest single case, to catch near-hangs.</param>
    /// <param name="SlowestCase">File, seed and kind of that case.</param>
    public sealed record Result(long Cases, long Refused, IReadOnlyList<string> Crashes, double SlowestMilliseconds, string SlowestCase);

    /// <summary>Runs cases <paramref name="firstSeed"/> .. firstSeed + count - 1 on <paramref name="threads"/> threads.</summary>
    public Result Run(long firstSeed, long count, int threads)
    {
        long refused = 0;
        var crashes = new List<string>();
        var slowest = 0.0;
        var slowestCase = "";
        var gate = new object();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            long localRefused = 0;
            var localSlowest = 0.0;
            var localCase = "";
            for (var seed = firstSeed + t; seed < firstSeed + count; seed += threads)
            {
                var (name, kind, bytes) = Mutate(seed);
                var clock = Stopwatch.StartNew();
                try
                {
                    ReadEverything(bytes, name);
                }
                catch (InputException)
                {
                    localRefused++;
                }
                catch (Exception e)
                {
                    lock (gate) crashes.Add($"{name} seed {seed} ({kind}): {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                }
                if (clock.Elapsed.TotalMilliseconds > localSlowest)
                {
                    localSlowest = clock.Elapsed.TotalMilliseconds;
                    localCase = $"{name} seed {seed} ({kind})";
                }
            }
            lock (gate)
            {
                refused += localRefused;
                if (localSlowest > slowest) (slowest, slowestCase) = (localSlowest, localCase);
            }
        });
        return new Result(count, refused, crashes, slowest, slowestCase);
    }

    /// <summary>
    /// Reads the footer, every readable column of every row group and every value's conversion. Even
    /// row groups decode their chunks in parallel, as a reader's first row group does, so corrupt
    /// chunks also go through that path (whose errors must come out unwrapped, like sequential ones).
    /// </summary>
    public static void ReadEverything(byte[] bytes, string name)
    {
        using var reader = ParquetFileReader.Open(new MemoryStream(bytes, writable: false), name);
        var chars = new char[4096];
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var columns = reader.Schema.Columns.Where(c => ParquetColumnType.Resolve(c, out _) is not null).ToList();
            foreach (var values in reader.ReadRowGroup(g, columns, inParallel: g % 2 == 0))
                for (var row = 0; row < values.Count; row++) Touch(values, row, chars);
        }
    }

    /// <summary>Every value through its typed conversion, without allocating (the CI run does 100,000 files).</summary>
    private static void Touch(ParquetColumnValues values, int row, char[] chars)
    {
        if (values.IsNull(row)) return;
        switch (values.Type.Kind)
        {
            case ParquetValueKind.Text or ParquetValueKind.Binary:
                if (values.GetBytes(row).Length <= chars.Length) values.GetChars(row, chars);
                break;
            case ParquetValueKind.Date or ParquetValueKind.Timestamp: values.TryGetDateTime(row, out _); break;
            case ParquetValueKind.Decimal: values.GetReal(row); values.GetDecimal(row); break;
            case ParquetValueKind.Real: values.GetReal(row); break;
            default: values.GetInteger(row); break;
        }
    }

    /// <summary>The mutated copy for <paramref name="seed"/>: which file, what was done, the bytes.</summary>
    public (string File, string Kind, byte[] Bytes) Mutate(long seed)
    {
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32) * 7919));
        var (name, original, pages, footerStart) = _files[random.Next(_files.Count)];
        var bytes = (byte[])original.Clone();
        var kind = random.Next(9);
        int Anywhere() => random.Next(bytes.Length);
        int InFooter() => (int)footerStart + random.Next(bytes.Length - 8 - (int)footerStart);
        int InPageHeader() => Math.Min(bytes.Length - 1, pages[random.Next(pages.Length)] + random.Next(48));
        switch (kind)
        {
            case 0:
                for (var i = random.Next(1, 5); i > 0; i--) { var at = Anywhere(); bytes[at] ^= (byte)(1 << random.Next(8)); }
                return (name, "bit flips", bytes);
            case 1:
                for (var i = random.Next(1, 4); i > 0; i--) bytes[Anywhere()] = Interesting(random);
                return (name, "byte overwrite", bytes);
            case 2:
                return (name, "truncation", bytes[..random.Next(bytes.Length)]);
            case 3:
                for (var i = random.Next(1, 4); i > 0; i--) { var at = InFooter(); bytes[at] ^= (byte)(1 << random.Next(8)); }
                return (name, "footer bit flips", bytes);
            case 4:
                WriteVarint(bytes, InFooter(), random);
                return (name, "footer varint", bytes);
            case 5:
                WriteVarint(bytes, InPageHeader(), random);
                return (name, "page header varint", bytes);
            case 6:
                for (var i = random.Next(1, 4); i > 0; i--) bytes[InPageHeader()] = Interesting(random);
                return (name, "page header bytes", bytes);
            case 7:
                BitConverter.TryWriteBytes(bytes.AsSpan(bytes.Length - 8), random.Next(4) switch
                {
                    0 => -random.Next(), 1 => int.MaxValue, 2 => bytes.Length - 8 - random.Next(8), _ => random.Next(bytes.Length),
                });
                return (name, "footer length", bytes);
            default:
                var cut = Anywhere();
                var span = random.Next(1, 16);
                var mutated = random.Next(2) == 0
                    ? [.. bytes[..cut], .. Enumerable.Range(0, span).Select(_ => Interesting(random)), .. bytes[cut..]]
                    : bytes[..cut].Concat(bytes[Math.Min(bytes.Length, cut + span)..]).ToArray();
                return (name, "insert/delete", mutated);
        }
    }

    private static byte Interesting(Random random) => random.Next(6) switch
    {
        0 => 0x00, 1 => 0xFF, 2 => 0x7F, 3 => 0x80, 4 => 0x01, _ => (byte)random.Next(256),
    };

    /// <summary>Overwrites bytes at <paramref name="at"/> with a varint: huge, negative (zigzag), or never-ending.</summary>
    private static void WriteVarint(byte[] bytes, int at, Random random)
    {
        byte[] varint = random.Next(4) switch
        {
            0 => [0xFF, 0xFF, 0xFF, 0xFF, 0x0F],                       // zigzag int32 min/max territory
            1 => [0xFE, 0xFF, 0xFF, 0xFF, 0x0F],                       // 2^31 - 1 after zigzag
            2 => [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], // continuation without end
            _ => [(byte)(0x80 | random.Next(128)), (byte)random.Next(128)],
        };
        for (var i = 0; i < varint.Length && at + i < bytes.Length; i++) bytes[at + i] = varint[i];
    }
}
