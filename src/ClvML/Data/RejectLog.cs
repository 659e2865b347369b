using System.Globalization;

namespace ClvML.Data;

/// <summary>
/// Accounts for every row a source reads: accepted, or rejected with a reason. Rejected rows are
/// written (line, column, reason, detail, raw text) to an optional CSV writer; with
/// <see cref="BadRowPolicy.Fail"/> the first one throws an <see cref="InputException"/> naming
/// file, line and column instead.
/// </summary>
public sealed class RejectLog
{
    // Enough texts to tell day-first from month-first (a day above 12 turns up in any few weeks).
    private const int TimestampSampleSize = 64;
    private readonly long[] _byReason = new long[Enum.GetValues<RejectReason>().Length];
    private readonly TextWriter? _writer;
    private readonly BadRowPolicy _policy;
    private readonly List<string> _timestampSample = [];
    // Seeded: the same file gives the same sample, and so the same hint, every time.
    private readonly Random _sampling = new(1);
    private (long Line, string Text) _timestampExample;
    private (long Line, int Fields, string Name, string Yaml)? _delimiterExample;

    /// <summary>Creates a log; <paramref name="writer"/> receives rejects.csv content when given.</summary>
    public RejectLog(string sourceName, BadRowPolicy policy, TextWriter? writer = null)
    {
        SourceName = sourceName;
        _policy = policy;
        _writer = writer;
        _writer?.WriteLine("line,column,reason,detail,raw");
    }

    /// <summary>File (or source) name used in messages.</summary>
    public string SourceName { get; }
    /// <summary>Rows read from the source (header and blank lines excluded).</summary>
    public long RowsRead { get; private set; }
    /// <summary>Blank lines skipped; they are not rows.</summary>
    public long BlankLines { get; private set; }
    /// <summary>Rows rejected, all reasons together.</summary>
    public long Rejected { get; private set; }
    /// <summary>Rows read and not rejected.</summary>
    public long Accepted => RowsRead - Rejected;

    /// <summary>Rejected rows per reason.</summary>
    public long Count(RejectReason reason) => _byReason[(int)reason];

    /// <summary>Rejected rows per reason name, reasons with no rows left out.</summary>
    public IReadOnlyDictionary<string, long> RejectedByReason =>
        Enum.GetValues<RejectReason>().Where(r => _byReason[(int)r] > 0).ToDictionary(r => r.Name(), r => _byReason[(int)r]);

    /// <summary>
    /// When more than half of the rows read were rejected as unparseable_timestamp: an example and
    /// the common timestamp_format that reads the rejected texts, if one does; otherwise null.
    /// Computed from a seeded sample of the rejected texts, so call it once, after the read.
    /// </summary>
    internal TimestampFormatHint? TimestampHint
    {
        get
        {
            var rejected = Count(RejectReason.UnparseableTimestamp);
            if (rejected * 2 <= RowsRead) return null;
            lock (_byReason)
                return _timestampSample.Count == 0 ? null : TimestampFormatHint.From(RowsRead, rejected, _timestampExample.Line, _timestampExample.Text, _timestampSample);
        }
    }

    /// <summary>
    /// What to tell the user at the end of a read that rejected most rows for one reason a setting
    /// fixes: <see cref="TimestampHint"/>'s message, and, when most rows had the wrong number of
    /// fields and one of them splits into the columns at another common delimiter, the data.delimiter to write.
    /// </summary>
    /// <param name="timestampSetting">How the timestamp setting is named (<c>--timestamp-format</c> on a command line).</param>
    /// <param name="assign">What stands between the setting and its value.</param>
    public IReadOnlyList<string> Hints(string timestampSetting = "data.timestamp_format", string assign = ": ")
    {
        var hints = new List<string>();
        if (TimestampHint is { } timestamps) hints.Add(timestamps.Message(timestampSetting, assign));
        var wrong = Count(RejectReason.WrongFieldCount);
        if (wrong * 2 > RowsRead && _delimiterExample is var (line, fields, name, yaml))
            hints.Add(string.Create(CultureInfo.InvariantCulture,
                $"most rows were rejected as wrong_field_count ({wrong:N0} of {RowsRead:N0} rows); line {line} splits into the {fields} columns at {name}: write  {yaml}  under data: in the config."));
        return hints;
    }

    /// <summary>Remembers the first row found to split into the expected <paramref name="fields"/> at another delimiter, for <see cref="Hints"/>.</summary>
    /// <param name="line">The line number.</param>
    /// <param name="fields">The expected field count.</param>
    /// <param name="name">The other delimiter as a message names it.</param>
    /// <param name="yaml">The YAML line that selects it.</param>
    internal void SuggestDelimiter(long line, int fields, string name, string yaml)
    {
        lock (_byReason) _delimiterExample ??= (line, fields, name, yaml);
    }

    internal void CountRow() => RowsRead++;
    internal void CountRows(int rows) => RowsRead += rows;
    internal void CountBlankLine() => BlankLines++;

    /// <summary>Rejects one row already counted as read.</summary>
    /// <param name="line">1-based line of the row.</param>
    /// <param name="column">Column the problem is in, or null for the whole row.</param>
    /// <param name="reason">Why.</param>
    /// <param name="detail">What was found, for the user.</param>
    /// <param name="raw">The row's text (truncated when long).</param>
    /// <remarks>Thread-safe: a reader and a feature accumulator may reject rows from two threads.</remarks>
    public void Reject(long line, string? column, RejectReason reason, string detail, ReadOnlySpan<char> raw = default)
    {
        lock (_byReason) RejectLocked(line, column, reason, detail, raw);
    }

    /// <summary>Rejects a row as unparseable_timestamp, keeping its text (in a bounded sample) for <see cref="TimestampHint"/>.</summary>
    internal void RejectTimestamp(long line, string column, string text, string detail, ReadOnlySpan<char> raw)
    {
        lock (_byReason)
        {
            RejectLocked(line, column, RejectReason.UnparseableTimestamp, detail, raw);
            // Reservoir sampling: every rejected text is equally likely to be in the sample, so
            // it spreads over the whole file, not only its first days.
            var seen = _byReason[(int)RejectReason.UnparseableTimestamp];
            if (_timestampSample.Count < TimestampSampleSize)
            {
                if (_timestampSample.Count == 0) _timestampExample = (line, text);
                _timestampSample.Add(text);
            }
            else if (_sampling.NextInt64(seen) is var slot && slot < TimestampSampleSize)
                _timestampSample[(int)slot] = text;
        }
    }

    private void RejectLocked(long line, string? column, RejectReason reason, string detail, ReadOnlySpan<char> raw)
    {
        if (_policy == BadRowPolicy.Fail)
            throw InputException.At(SourceName, line, column, $"{detail} ({reason.Name()}; data.bad_rows is 'fail')");
        _byReason[(int)reason]++;
        Rejected++;
        if (_writer is null) return;
        const int maxRaw = 500;
        var text = raw.Length > maxRaw ? raw[..maxRaw].ToString() + "..." : raw.ToString();
        _writer.Write(line.ToString(CultureInfo.InvariantCulture));
        _writer.Write(',');
        _writer.Write(CsvText.Quote(column ?? ""));
        _writer.Write(',');
        _writer.Write(reason.Name());
        _writer.Write(',');
        _writer.Write(CsvText.Quote(detail));
        _writer.Write(',');
        _writer.WriteLine(CsvText.Quote(text.TrimEnd('\r', '\n')));
    }
}
