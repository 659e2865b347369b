using System.Diagnostics;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using ClvML.Configuration;
using ClvML.Data;
using ClvML.Data.Csv;

namespace ClvML.Tests.Data.Csv;

/// <summary>
/// Seeded mutation fuzzing of the transaction reader on delimited text and gzip. Each case takes one
/// of a few small files (comma with quotes and attributes, quantity x price with CRLF, whitespace
/// without a header, semicolons and tabs with timestamp formats), damages the text (bit flips,
/// truncation, inserted quotes, delimiters, NULs and CRs, BOMs, invalid UTF-8, huge fields, line
/// ends) or gzips it in one to three members and damages the gzip bytes, and reads it through
/// <see cref="CsvTransactionReader"/> with a random first buffer size. A case passes when it is
/// refused with an <see cref="InputException"/> or read with rows read = accepted + rejected and
/// every accepted row well-formed; a gzip case that reads must give exactly what its uncompressed
/// text gives (damage the format cannot see, such as a header's MTIME, changes nothing; anything
/// else must be refused, never read short). Shared by the bounded xunit test and the benchmark
/// tool's long run (linked into both projects).
/// </summary>
internal sealed class TransactionFileFuzzer
{
    private sealed record Input(string Name, byte[] Bytes, DataSettings Settings);

    /// <summary>One mutated case: what it is, its bytes, for gzip the text a whole read must give, and whether the gzip is whole (it must then read exactly as its text, refusal included).</summary>
    public sealed record Case(string Name, string Kind, byte[] Bytes, DataSettings Settings, int BufferSize, byte[]? GzipText, bool GzipIntact = false);

    /// <summary>What one run found.</summary>
    /// <param name="Cases">Cases read.</param>
    /// <param name="GzipCases">Of them, gzip cases.</param>
    /// <param name="Refused">Cases refused with an InputException.</param>
    /// <param name="RowsRead">Rows read over all cases that were read.</param>
    /// <param name="Failures">One entry per failed case: file, seed, kind, what went wrong.</param>
    /// <param name="SlowestMilliseconds">Longest single case.</param>
    /// <param name="SlowestCase">File, seed and kind of that case.</param>
    public sealed record Result(long Cases, long GzipCases, long Refused, long RowsRead, IReadOnlyList<string> Failures, double SlowestMilliseconds, string SlowestCase);

    private readonly Input[] _inputs = [Comma(), Retail(), Whitespace(), Semicolon(), Tabs()];

    /// <summary>
    /// Runs cases <paramref name="firstSeed"/> .. firstSeed + count - 1 on <paramref name="threads"/> threads.
    /// A case still running after <paramref name="hangSeconds"/> ends the run as a failure naming it.
    /// </summary>
    public Result Run(long firstSeed, long count, int threads, double hangSeconds = 20)
    {
        long cases = 0, gzipCases = 0, refused = 0, rows = 0;
        var failures = new List<string>();
        var slowest = 0.0;
        var slowestCase = "";
        var gate = new object();
        var running = new (long Seed, long StartedTicks)[threads];
        var stop = false;
        var workers = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            long localCases = 0, localGzip = 0, localRefused = 0, localRows = 0;
            var localSlowest = 0.0;
            var localCase = "";
            for (var seed = firstSeed + t; seed < firstSeed + count && !Volatile.Read(ref stop); seed += threads)
            {
                var fuzzCase = Mutate(seed);
                Volatile.Write(ref running[t].StartedTicks, Stopwatch.GetTimestamp());
                Volatile.Write(ref running[t].Seed, seed);
                var clock = Stopwatch.StartNew();
                string? failure;
                try
                {
                    failure = Check(fuzzCase, out var read, out var wasRefused);
                    localRows += read;
                    if (wasRefused) localRefused++;
                }
                catch (Exception e)
                {
                    failure = $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}";
                }
                var describe = $"{fuzzCase.Name} seed {seed} ({fuzzCase.Kind}, buffer {fuzzCase.BufferSize})";
                if (failure is not null) lock (gate) failures.Add($"{describe}: {failure}");
                Volatile.Write(ref running[t].StartedTicks, 0);
                localCases++;
                if (fuzzCase.GzipText is not null) localGzip++;
                if (clock.Elapsed.TotalMilliseconds > localSlowest) (localSlowest, localCase) = (clock.Elapsed.TotalMilliseconds, describe);
            }
            lock (gate)
            {
                (cases, gzipCases, refused, rows) = (cases + localCases, gzipCases + localGzip, refused + localRefused, rows + localRows);
                if (localSlowest > slowest) (slowest, slowestCase) = (localSlowest, localCase);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        // The watchdog: a case that runs on is a hang, reported instead of waited for.
        while (!Task.WaitAll(workers, 100))
        {
            for (var t = 0; t < threads; t++)
            {
                var started = Volatile.Read(ref running[t].StartedTicks);
                if (started == 0 || Stopwatch.GetElapsedTime(started).TotalSeconds < hangSeconds) continue;
                Volatile.Write(ref stop, true);
                var seed = Volatile.Read(ref running[t].Seed);
                lock (gate) failures.Add($"seed {seed} ({Mutate(seed).Kind}): still running after {hangSeconds} s (a hang)");
                return new Result(cases, gzipCases, refused, rows, failures, hangSeconds * 1000, $"seed {seed}");
            }
        }
        return new Result(cases, gzipCases, refused, rows, failures, slowest, slowestCase);
    }

    /// <summary>Reads one case; null when it passes, else what went wrong.</summary>
    public static string? Check(Case fuzzCase, out long rowsRead, out bool refused)
    {
        var outcome = Read(fuzzCase.Bytes, fuzzCase.GzipText is not null, fuzzCase);
        rowsRead = outcome.RowsRead;
        refused = outcome.Refusal is not null;
        if (outcome.Problem is not null) return outcome.Problem;
        if (fuzzCase.GzipText is null || (refused && !fuzzCase.GzipIntact)) return null;
        var text = Read(fuzzCase.GzipText, gzip: false, fuzzCase);
        if (fuzzCase.GzipIntact)
            return outcome == text ? null : $"a whole gzip file reads otherwise than its text: {outcome} against {text}";
        if (text.Refusal is not null) return $"the gzip read succeeded where its text is refused ({text.Refusal})";
        return outcome == text ? null
            : $"the gzip read differs from its text: {outcome} against {text} (read short or changed, and not refused)";
    }

    private readonly record struct Outcome(long RowsRead, long Accepted, long Rejected, string Reasons, long RowHash, int Hints, string? Refusal, string? Problem);

    private static Outcome Read(byte[] bytes, bool gzip, Case fuzzCase)
    {
        var sink = new CheckingSink();
        var rejects = new RejectLog(fuzzCase.Name, fuzzCase.Settings.BadRows, TextWriter.Null);
        try
        {
            Stream stream = new MemoryStream(bytes, writable: false);
            if (gzip) stream = new VerifiedGzipStream(stream, fuzzCase.Name, bytes.Length);
            using (stream) new CsvTransactionReader(fuzzCase.Settings) { BufferSize = fuzzCase.BufferSize }.Read(stream, fuzzCase.Name, sink, rejects);
        }
        catch (InputException e)
        {
            // The counts of a refused read are where the reading stopped, which buffering may move: the message is what counts.
            return new Outcome(0, 0, 0, "", 0, 0, e.Message, sink.Problem);
        }
        var hints = rejects.Hints().Count;
        var reasons = string.Join(",", rejects.RejectedByReason.Select(r => $"{r.Key}={r.Value}"));
        var problem = sink.Problem;
        if (rejects.RowsRead != sink.Rows + rejects.Rejected || sink.Rows != rejects.Accepted || rejects.Rejected != rejects.RejectedByReason.Values.Sum())
            problem ??= $"rows read {rejects.RowsRead} != accepted {sink.Rows} + rejected {rejects.Rejected} ({reasons})";
        return new Outcome(rejects.RowsRead, sink.Rows, rejects.Rejected, reasons, sink.Hash, hints, null, problem);
    }

    /// <summary>Counts and hashes the accepted rows, and checks each keeps the row contract.</summary>
    private sealed class CheckingSink : ITransactionSink
    {
        private readonly XxHash64 _hash = new();

        public long Rows { get; private set; }
        public string? Problem { get; private set; }
        public long Hash => (long)_hash.GetCurrentHashAsUInt64();

        public void Accept(in TransactionRow row)
        {
            Rows++;
            if (row.CustomerId.IsEmpty || row.CustomerId.Trim(' ').Length != row.CustomerId.Length)
                Problem ??= $"line {row.Line}: customer id '{row.CustomerId}' is empty or untrimmed";
            if (!double.IsFinite(row.Amount)) Problem ??= $"line {row.Line}: amount {row.Amount} is not finite";
            foreach (var range in row.AttributeRanges)
                if (range.End.Value > row.AttributeText.Length) Problem ??= $"line {row.Line}: an attribute range is outside the text";
            _hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(row.CustomerId));
            _hash.Append(BitConverter.GetBytes(row.Timestamp.Ticks));
            _hash.Append(BitConverter.GetBytes(row.Amount));
            _hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(row.OrderId));
            _hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(row.AttributeText));
            _hash.Append(BitConverter.GetBytes(row.Line));
        }
    }

    /// <summary>The case for <paramref name="seed"/>: the same on every machine and in both projects.</summary>
    public Case Mutate(long seed)
    {
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32) * 7919));
        var input = _inputs[random.Next(_inputs.Length)];
        var settings = random.Next(10) == 0 ? input.Settings with { BadRows = BadRowPolicy.Fail } : input.Settings;
        var bufferSize = random.Next(3) switch { 0 => random.Next(1, 64), 1 => random.Next(64, 4096), _ => 1 << 16 };
        var text = input.Bytes;
        var gzip = random.Next(5) < 2;
        var kind = "intact";
        if (!gzip || random.Next(2) == 0) (kind, text) = MutateText(text, random, settings);
        if (!gzip) return new Case(input.Name, kind, text, settings, bufferSize, null);
        var (gz, members) = Compress(text, random);
        if (kind != "intact") return new Case(input.Name + ".gz", "gzip of " + kind, gz, settings, bufferSize, text, GzipIntact: true);
        var (gzipKind, damaged, expected) = MutateGzip(gz, members, text, random);
        return new Case(input.Name + ".gz", gzipKind, damaged, settings, bufferSize, expected, GzipIntact: gzipKind is "gzip intact" or "gzip cut between members");
    }

    private static readonly byte[] Interesting = [(byte)'"', (byte)',', (byte)';', (byte)'\t', (byte)' ', (byte)'\n', (byte)'\r', 0, 0xFF, 0xFE, 0xEF, 0xBB, 0xBF, 0xC3, 0x80, (byte)'-', (byte)'.', (byte)'e', (byte)'9', (byte)'|'];

    private static (string Kind, byte[] Bytes) MutateText(byte[] original, Random random, DataSettings settings)
    {
        var bytes = (byte[])original.Clone();
        int Anywhere() => random.Next(bytes.Length);
        byte[] Insert(byte[] b, int at, ReadOnlySpan<byte> what) => [.. b.AsSpan(0, at), .. what, .. b.AsSpan(at)];
        switch (random.Next(10))
        {
            case 0:
                for (var i = random.Next(1, 5); i > 0; i--) bytes[Anywhere()] ^= (byte)(1 << random.Next(8));
                return ("bit flips", bytes);
            case 1:
                for (var i = random.Next(1, 5); i > 0; i--) bytes[Anywhere()] = Interesting[random.Next(Interesting.Length)];
                return ("byte overwrite", bytes);
            case 2:
                return ("truncation", bytes[..random.Next(bytes.Length)]);
            case 3:
                for (var i = random.Next(1, 8); i > 0; i--) bytes = Insert(bytes, Anywhere(), [Interesting[random.Next(8)]]);
                return ("inserted quotes, delimiters, NULs, CRs", bytes);
            case 4:
                byte[] bom = random.Next(4) switch { 0 => [0xEF, 0xBB, 0xBF], 1 => [0xFF, 0xFE], 2 => [0xFE, 0xFF], _ => [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] };
                return ("byte order mark", random.Next(4) == 0 ? Insert(bytes, Anywhere(), bom) : [.. bom, .. bytes]);
            case 5:
                byte[] invalid = random.Next(6) switch { 0 => [0x80], 1 => [0xC0, 0x80], 2 => [0xED, 0xA0, 0x80], 3 => [0xF5, 0x80, 0x80, 0x80], 4 => [0xE2, 0x82], _ => [0xC3] };
                return ("invalid UTF-8", Insert(bytes, Anywhere(), invalid));
            case 6:
                var length = random.Next(20) == 0 ? random.Next(1 << 20, 2 << 20) : random.Next(1, 1 << 16);
                var filler = random.Next(3) switch { 0 => (byte)'x', 1 => (byte)'9', _ => (byte)'"' };
                var field = Enumerable.Repeat(filler, length).ToArray();
                if (random.Next(2) == 0) field[0] = (byte)'"';
                return ("huge field", Insert(bytes, Anywhere(), field));
            case 7:
                var cut = Anywhere();
                var span = random.Next(1, 40);
                return random.Next(2) == 0
                    ? ("deleted bytes", [.. bytes.AsSpan(0, cut), .. bytes.AsSpan(Math.Min(bytes.Length, cut + span))])
                    : ("duplicated bytes", Insert(bytes, cut, bytes.AsSpan(cut, Math.Min(span, bytes.Length - cut))));
            case 8:
                var text = Encoding.UTF8.GetString(bytes);
                text = random.Next(4) switch
                {
                    0 => text.Replace("\r\n", "\n").Replace("\n", "\r\n"),
                    1 => text.Replace("\r\n", "\n").Replace("\n", "\r"),
                    2 => text.TrimEnd('\n', '\r'),
                    _ => text.Replace("\n", "\n\n"),
                };
                return ("line ends", Encoding.UTF8.GetBytes(text));
            default:
                var fields = new[] { "1e400", "NaN", "-0", "1,5", "99999999999999999999999", "2024-02-30", "2024-01-05T24:00", "01/02/2024", "\"\"", " ", "+1", "0x10", "∞" };
                var delimiter = settings.Delimiter == DataSettings.WhitespaceDelimiter ? " " : settings.Delimiter;
                var lines = Encoding.UTF8.GetString(bytes).Split('\n');
                var line = random.Next(lines.Length);
                var parts = lines[line].Split(delimiter);
                parts[random.Next(parts.Length)] = fields[random.Next(fields.Length)];
                lines[line] = string.Join(delimiter, parts);
                return ("odd field value", Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        }
    }

    /// <summary>The text as one to three gzip members (random levels, some with every optional header field), and where each member ends.</summary>
    private static (byte[] Gzip, List<(int End, int TextEnd)> Members) Compress(byte[] text, Random random)
    {
        var cuts = Enumerable.Range(0, random.Next(3)).Select(_ => random.Next(text.Length + 1)).Append(0).Append(text.Length).Distinct().Order().ToArray();
        if (random.Next(8) == 0) cuts = [0, .. cuts]; // an empty first member
        var output = new List<byte>();
        var members = new List<(int, int)>();
        for (var m = 0; m + 1 < cuts.Length || (m == 0 && cuts.Length == 1); m++)
        {
            var piece = text.AsSpan(cuts[m], (m + 1 < cuts.Length ? cuts[m + 1] : text.Length) - cuts[m]);
            var member = GzipMember(piece, (CompressionLevel)random.Next(4));
            if (random.Next(4) == 0) member = WithHeaderFields(member, random);
            output.AddRange(member);
            members.Add((output.Count, m + 1 < cuts.Length ? cuts[m + 1] : text.Length));
        }
        return ([.. output], members);
    }

    /// <summary>
    /// One gzip member of <paramref name="data"/>. GZipStream writes nothing at all for no data, so an
    /// empty member is spelled out: the 10-byte header, an empty final deflate block, CRC-32 0, length 0.
    /// </summary>
    internal static byte[] GzipMember(ReadOnlySpan<byte> data, CompressionLevel level = CompressionLevel.Optimal)
    {
        if (data.IsEmpty) return [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, level, leaveOpen: true)) gzip.Write(data);
        return buffer.ToArray();
    }

    private static byte[] WithHeaderFields(byte[] member, Random random)
    {
        var header = new List<byte>(member[..10]);
        var flags = 0;
        if (random.Next(2) == 0) { flags |= 0x04; var extra = random.Next(0, 20); header.AddRange([(byte)extra, 0]); for (var i = 0; i < extra; i++) header.Add((byte)random.Next(256)); }
        if (random.Next(2) == 0) { flags |= 0x08; header.AddRange(Encoding.ASCII.GetBytes("tx.csv\0")); }
        if (random.Next(2) == 0) { flags |= 0x10; header.AddRange(Encoding.ASCII.GetBytes("exported\0")); }
        header[3] = (byte)flags;
        if (random.Next(2) == 0)
        {
            header[3] |= 0x02;
            var crc = (ushort)Crc32.HashToUInt32([.. header]);
            header.AddRange([(byte)crc, (byte)(crc >> 8)]);
        }
        return [.. header, .. member[10..]];
    }

    /// <summary>Damages gzip bytes; the text a whole read gives (a cut between members leaves whole members).</summary>
    private static (string Kind, byte[] Bytes, byte[] Text) MutateGzip(byte[] gz, List<(int End, int TextEnd)> members, byte[] text, Random random)
    {
        var bytes = (byte[])gz.Clone();
        int Anywhere() => random.Next(bytes.Length);
        var member = members[random.Next(members.Count)];
        var memberStart = members.TakeWhile(m => m != member).Select(m => m.End).LastOrDefault();
        switch (random.Next(9))
        {
            case 0:
                for (var i = random.Next(1, 5); i > 0; i--) bytes[Anywhere()] ^= (byte)(1 << random.Next(8));
                return ("gzip bit flips", bytes, text);
            case 1:
                for (var i = random.Next(1, 4); i > 0; i--) bytes[Anywhere()] = Interesting[random.Next(Interesting.Length)];
                return ("gzip byte overwrite", bytes, text);
            case 2:
                var length = random.Next(4) == 0 ? member.End : random.Next(bytes.Length);
                var whole = members.LastOrDefault(m => m.End <= length);
                return (length == whole.End && length > 0 ? "gzip cut between members" : "gzip truncation", bytes[..length],
                    length == whole.End ? text[..whole.TextEnd] : text);
            case 3:
                bytes[memberStart + random.Next(Math.Min(10, member.End - memberStart))] ^= (byte)(1 << random.Next(8));
                return ("gzip header bit flip", bytes, text);
            case 4:
                bytes[member.End - 1 - random.Next(8)] ^= (byte)(1 << random.Next(8));
                return ("gzip trailer bit flip", bytes, text);
            case 5:
                byte[] tail = random.Next(3) switch { 0 => new byte[random.Next(1, 12)], 1 => [0x1F], _ => [.. Enumerable.Range(0, random.Next(1, 12)).Select(_ => (byte)random.Next(256))] };
                return ("bytes after the last member", [.. bytes, .. tail], text);
            case 6:
                bytes[memberStart + 3] |= (byte)(0x20 << random.Next(3));
                return ("gzip reserved flag", bytes, text);
            case 7:
                if (members.Count > 1) goto case 0; // an insertion or deletion could make another valid file
                var at = Anywhere();
                var span = random.Next(1, 16);
                return random.Next(2) == 0
                    ? ("gzip deleted bytes", [.. bytes.AsSpan(0, at), .. bytes.AsSpan(Math.Min(bytes.Length, at + span))], text)
                    : ("gzip inserted bytes", [.. bytes.AsSpan(0, at), .. Enumerable.Range(0, span).Select(_ => Interesting[random.Next(Interesting.Length)]), .. bytes.AsSpan(at)], text);
            default:
                return ("gzip intact", bytes, text);
        }
    }

    private static Input Comma()
    {
        var random = new Random(1);
        var text = new StringBuilder("customer_id,date,amount,order_id,channel\n");
        for (var i = 0; i < 40; i++)
        {
            var date = new DateTime(2024, 1, 1).AddHours(random.Next(24 * 400));
            var when = (i % 4) switch
            {
                0 => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                1 => date.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                2 => date.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                _ => date.ToString("yyyy-MM-ddTHH:mm:ss.fff+01:00", System.Globalization.CultureInfo.InvariantCulture),
            };
            var channel = (i % 5) switch { 0 => "\"paid, search\"", 1 => "\"say \"\"hi\"\"\"", 2 => "\"two\nlines\"", 3 => "", _ => "organic" };
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"C{random.Next(12):D3},{when},{(random.Next(8) == 0 ? "-" : "")}{random.Next(1, 30000) / 100.0},O{i / 2},{channel}\n");
        }
        return new Input("comma.csv", Encoding.UTF8.GetBytes(text.ToString()), new DataSettings
        {
            Source = DataSourceKind.Csv, Columns = new ColumnMapping { OrderId = "order_id", Attributes = ["channel"] },
        });
    }

    private static Input Retail()
    {
        var random = new Random(2);
        var text = new StringBuilder("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\r\n");
        for (var i = 0; i < 30; i++)
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"{(random.Next(10) == 0 ? "C" : "")}5{i / 3:D5},8{random.Next(1000)}A,\"ITEM, {i}\",{random.Next(-2, 24)},2010-12-{1 + i % 9:D2} 08:{i:D2}:00,{random.Next(1, 2000) / 100.0},{(random.Next(6) == 0 ? "" : $"{17850 + random.Next(5)}.0")},United Kingdom\r\n");
        return new Input("retail.csv", Encoding.UTF8.GetBytes(text.ToString()), new DataSettings
        {
            Source = DataSourceKind.Csv,
            Columns = new ColumnMapping { CustomerId = "CustomerID", Timestamp = "InvoiceDate", Amount = null, Quantity = "Quantity", UnitPrice = "UnitPrice", OrderId = "InvoiceNo", Attributes = ["Country"] },
        });
    }

    private static Input Whitespace()
    {
        var random = new Random(3);
        var text = new StringBuilder();
        for (var i = 0; i < 40; i++)
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{random.Next(1, 99):D5}  {random.Next(1, 30):D4} 1997{1 + i % 12:D2}{1 + random.Next(28):D2}  {random.Next(1, 9)}   {random.Next(100, 9000) / 100.0}\r\n");
        return new Input("cdnow.txt", Encoding.UTF8.GetBytes(text.ToString()), new DataSettings
        {
            Source = DataSourceKind.Csv, Delimiter = DataSettings.WhitespaceDelimiter, Header = false,
            ColumnNames = ["master_id", "customer_id", "date", "cds", "amount"], TimestampFormats = ["yyyyMMdd"],
        });
    }

    private static Input Semicolon()
    {
        var random = new Random(4);
        var text = new StringBuilder("kunde;datum;betrag\n");
        for (var i = 0; i < 40; i++)
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"K{random.Next(9)};{1 + random.Next(28)}/{1 + random.Next(12)}/2024;{random.Next(1, 9999) / 100.0}\n");
        return new Input("semicolon.csv", Encoding.UTF8.GetBytes(text.ToString()), new DataSettings
        {
            Source = DataSourceKind.Csv, Delimiter = ";", TimestampFormats = ["d/M/yyyy"],
            Columns = new ColumnMapping { CustomerId = "kunde", Timestamp = "datum", Amount = "betrag" },
        });
    }

    private static Input Tabs()
    {
        var random = new Random(5);
        var text = new StringBuilder("id\twhen\tvalue\n");
        for (var i = 0; i < 40; i++)
        {
            var day = new DateTime(2024, 1, 1).AddDays(random.Next(300)).AddMinutes(random.Next(1440));
            var when = i % 2 == 0 ? day.ToString("dd.MM.yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture) : day.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"T{random.Next(7)}\t{when}\t{random.Next(1, 500)}\n");
        }
        return new Input("tabs.tsv", Encoding.UTF8.GetBytes(text.ToString()), new DataSettings
        {
            Source = DataSourceKind.Csv, Delimiter = "\t", TimestampFormats = ["dd.MM.yyyy HH:mm", "d MMM yyyy"],
            Columns = new ColumnMapping { CustomerId = "id", Timestamp = "when", Amount = "value" },
        });
    }
}
