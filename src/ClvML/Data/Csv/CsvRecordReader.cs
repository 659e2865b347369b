using System.Buffers;
using System.Runtime.CompilerServices;

namespace ClvML.Data.Csv;

/// <summary>
/// Splits a stream of UTF-8 bytes into records and fields without allocating per row:
/// RFC 4180 quoting (doubled quotes, delimiters and line breaks inside quotes) for a one-byte
/// delimiter, or runs of spaces and tabs when <c>delimiter: whitespace</c> (files such as
/// CDNOW_master.txt, which have no quoting). LF and CRLF line ends; blank lines are skipped and counted.
/// Fields are views into the reader's buffer, valid until the next <see cref="Read"/>.
/// </summary>
internal sealed class CsvRecordReader
{
    // A record longer than this is almost always a wrong delimiter or an unclosed quote.
    private const int MaxRecordBytes = 64 << 20;
    private static readonly SearchValues<byte> WhitespaceStops = SearchValues.Create(" \t\r\n"u8);

    private readonly Stream _stream;
    private readonly string _sourceName;
    private readonly byte _delimiter;
    private readonly bool _whitespace;
    private readonly SearchValues<byte> _fieldStops;
    private FieldStopMask _stops;
    private byte[] _buffer;
    private int _position, _end;
    private bool _eof, _started, _nulsChecked;
    private int _nulAt = -1;          // buffer index of the first NUL read, or -1
    private long _nextLine = 1;
    private int[] _fieldStart = new int[16];
    private int[] _fieldLength = new int[16];
    private int[] _escapedFields = new int[4];
    private int _escapedCount;
    private int _recordStart, _recordLength;

    /// <param name="stream">Decompressed UTF-8 text.</param>
    /// <param name="sourceName">File name for messages.</param>
    /// <param name="delimiter">One ASCII delimiter character, or null for runs of whitespace.</param>
    /// <param name="bufferSize">Initial buffer size; it doubles for a longer record. Tests make it tiny to cross buffer ends often.</param>
    public CsvRecordReader(Stream stream, string sourceName, char? delimiter, int bufferSize = 1 << 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferSize);
        _buffer = new byte[bufferSize];
        _stream = stream;
        _sourceName = sourceName;
        _whitespace = delimiter is null;
        _delimiter = (byte)(delimiter ?? ' ');
        _fieldStops = SearchValues.Create([_delimiter, (byte)'\n']);
        _stops = new FieldStopMask(_delimiter);
    }

    /// <summary>Fields in the current record.</summary>
    public int FieldCount { get; private set; }
    /// <summary>1-based line on which the current record starts.</summary>
    public long Line { get; private set; }
    /// <summary>Why the current record is not well-formed CSV (e.g. an unterminated quote), or null.</summary>
    public string? Malformed { get; private set; }
    /// <summary>Blank lines skipped so far.</summary>
    public long BlankLines { get; private set; }

    /// <summary>The <paramref name="index"/>-th field, unquoted and unescaped.</summary>
    public ReadOnlySpan<byte> Field(int index) => _buffer.AsSpan(_fieldStart[index], _fieldLength[index]);

    /// <summary>The current record's bytes as read (for reject files).</summary>
    public ReadOnlySpan<byte> RawRecord => _buffer.AsSpan(_recordStart, _recordLength);

    /// <summary>Where the current record starts in the buffer its fields are views of.</summary>
    internal int RecordStart => _recordStart;

    /// <summary>Where each field of the current record starts in that buffer.</summary>
    internal ReadOnlySpan<int> FieldStarts => _fieldStart.AsSpan(0, FieldCount);

    /// <summary>Each field's length (after unquoting).</summary>
    internal ReadOnlySpan<int> FieldLengths => _fieldLength.AsSpan(0, FieldCount);

    /// <summary>Moves to the next non-blank record; false at the end of the stream.</summary>
    public bool Read()
    {
        if (!_started) Start();
        while (true)
        {
            if (_position >= _end && _eof) return false;
            var next = _whitespace ? ParseWhitespaceRecord(_position) : ParseDelimitedRecord(_position);
            if (next < 0)
            {
                Fill();
                continue;
            }
            if (_nulAt >= 0 && _nulAt < next) ThrowNul();
            _recordStart = _position;
            _recordLength = next - _position;
            _position = next;
            if (FieldCount == 0 || (FieldCount == 1 && _fieldLength[0] == 0 && Malformed is null && !StartsWithQuote()))
            {
                BlankLines++;
                continue;
            }
            return true;
        }
    }

    private bool StartsWithQuote() => _recordLength > 0 && _buffer[_recordStart] == '"';

    private void Start()
    {
        _started = true;
        // A stream may hand over fewer bytes than asked (a gzip member may hold one): the byte order
        // marks below need the first three.
        while (_end < 3 && !_eof) Fill();
        var head = _buffer.AsSpan(0, _end);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            throw new InputException($"{_sourceName}: the file is UTF-16 text; ClvML reads UTF-8 (convert it, e.g. iconv -f utf-16 -t utf-8).");
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) _position = 3;
        // After the byte order marks: UTF-16 text is full of NULs, and its message is the better one.
        _nulsChecked = true;
        FindNul(0, _end);
    }

    /// <summary>
    /// Notes the first NUL among newly read bytes. A NUL anywhere means the bytes are not UTF-8 text
    /// (binary data, UTF-16 without a byte order mark, a damaged file); every read is checked, so that
    /// how the stream hands its bytes over does not decide whether it is seen, and the error comes
    /// at the record that holds it (<see cref="ThrowNul"/>), after the records before it, as any
    /// other error of a record does.
    /// </summary>
    private void FindNul(int start, int count)
    {
        if (_nulAt >= 0 || !_nulsChecked) return;
        var at = _buffer.AsSpan(start, count).IndexOf((byte)0);
        if (at >= 0) _nulAt = start + at;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowNul()
    {
        // The record is parsed: Line is where it starts, and _position too.
        var line = Line + _buffer.AsSpan(_position, _nulAt - _position).Count((byte)'\n');
        throw new InputException($"{_sourceName}:{line}: a NUL byte: this is not UTF-8 text (binary data, UTF-16 or UTF-32?).");
    }

    /// <summary>Keeps the unread part, grows the buffer when one record fills it, and reads more.</summary>
    private void Fill()
    {
        if (_eof) return;
        _stops.Invalidate();
        if (_position > 0)
        {
            Buffer.BlockCopy(_buffer, _position, _buffer, 0, _end - _position);
            _end -= _position;
            if (_nulAt >= 0) _nulAt -= _position;
            _position = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxRecordBytes)
                throw new InputException($"{_sourceName}:{_nextLine}: a record longer than {MaxRecordBytes >> 20} MiB; is the delimiter right, or is a quote never closed?");
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _eof = true;
        else FindNul(_end, n);
        _end += n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddField(int start, int length)
    {
        var i = FieldCount;
        var starts = _fieldStart;
        var lengths = _fieldLength;
        if ((uint)i >= (uint)starts.Length || (uint)i >= (uint)lengths.Length)
        {
            AddFieldGrowing(start, length);
            return;
        }
        starts[i] = start;
        lengths[i] = length;
        FieldCount = i + 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddFieldGrowing(int start, int length)
    {
        Array.Resize(ref _fieldStart, FieldCount * 2);
        Array.Resize(ref _fieldLength, FieldCount * 2);
        AddField(start, length);
    }

    /// <summary>Parses one delimited record at <paramref name="p"/>; returns the index after it, or -1 when more bytes are needed.</summary>
    private int ParseDelimitedRecord(int p)
    {
        FieldCount = 0;
        Malformed = null;
        var lines = 1L;
        var span = _buffer.AsSpan(0, _end);
        _escapedCount = 0;
        while (true)
        {
            if (p < _end && span[p] == '"')
            {
                var q = p + 1;
                var hasEscapes = false;
                while (true)
                {
                    var k = span[q..].IndexOf((byte)'"');
                    if (k < 0)
                    {
                        if (!_eof) return -1;
                        Malformed = "a quoted field is never closed";
                        lines += span[p.._end].Count((byte)'\n');
                        AddField(p + 1, _end - p - 1);
                        return Finish(_end, lines);
                    }
                    q += k;
                    if (q + 1 >= _end && !_eof) return -1;
                    if (q + 1 < _end && span[q + 1] == '"')
                    {
                        hasEscapes = true;
                        q += 2;
                        continue;
                    }
                    break;
                }
                lines += span[p..q].Count((byte)'\n');
                if (hasEscapes)
                {
                    if (_escapedCount == _escapedFields.Length) Array.Resize(ref _escapedFields, _escapedCount * 2);
                    _escapedFields[_escapedCount++] = FieldCount;
                }
                AddField(p + 1, q - p - 1);
                p = q + 1;
                if (p >= _end) return Finish(p, lines);
                var b = span[p];
                if (b == _delimiter) { p++; continue; }
                if (b == '\n') return Finish(p + 1, lines);
                if (b == '\r')
                {
                    if (p + 1 >= _end && !_eof) return -1;
                    if (p + 1 >= _end) return Finish(p + 1, lines);
                    if (span[p + 1] == '\n') return Finish(p + 2, lines);
                }
                // Text after a closing quote: not RFC 4180. Skip to the end of the field and say so.
                Malformed = "text after a closing quote";
                var rest = span[p..].IndexOfAny(_fieldStops);
                if (rest < 0) { if (!_eof) return -1; return Finish(_end, lines); }
                p += rest;
                if (span[p] == '\n') return Finish(p + 1, lines);
                p++;
            }
            else
            {
                var stop = _stops.Next(span, p);
                if (stop < 0)
                {
                    if (!_eof) return -1;
                    AddField(p, TrimCr(p, _end - p));
                    return Finish(_end, lines);
                }
                if (span[stop] == _delimiter)
                {
                    AddField(p, stop - p);
                    p = stop + 1;
                    continue;
                }
                AddField(p, TrimCr(p, stop - p));
                return Finish(stop + 1, lines);
            }
        }
    }

    private int TrimCr(int start, int length) => length > 0 && _buffer[start + length - 1] == '\r' ? length - 1 : length;

    /// <summary>Completes a record: its line number, and doubled quotes turned into single ones in place.</summary>
    private int Finish(int next, long lines)
    {
        Line = _nextLine;
        _nextLine += lines;
        for (var i = 0; i < _escapedCount; i++)
        {
            var f = _escapedFields[i];
            var field = _buffer.AsSpan(_fieldStart[f], _fieldLength[f]);
            var w = 0;
            for (var r = 0; r < field.Length; r++, w++)
            {
                field[w] = field[r];
                if (field[r] == '"' && r + 1 < field.Length && field[r + 1] == '"') r++;
            }
            _fieldLength[f] = w;
        }
        _escapedCount = 0;
        return next;
    }

    /// <summary>Parses one whitespace-separated record; returns the index after it, or -1 when more bytes are needed.</summary>
    private int ParseWhitespaceRecord(int p)
    {
        FieldCount = 0;
        Malformed = null;
        _escapedCount = 0;
        var span = _buffer.AsSpan(0, _end);
        while (true)
        {
            while (p < _end && span[p] is (byte)' ' or (byte)'\t' or (byte)'\r') p++;
            if (p >= _end) return _eof ? Finish(_end, 1) : -1;
            if (span[p] == '\n') return Finish(p + 1, 1);
            var k = span[p..].IndexOfAny(WhitespaceStops);
            if (k < 0)
            {
                if (!_eof) return -1;
                AddField(p, _end - p);
                return Finish(_end, 1);
            }
            AddField(p, k);
            p += k;
        }
    }
}
