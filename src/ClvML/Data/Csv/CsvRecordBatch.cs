namespace ClvML.Data.Csv;

/// <summary>
/// A run of parsed records copied out of a <see cref="CsvRecordReader"/>'s buffer (which the next
/// read overwrites), so that splitting records and using them can run on different threads: each
/// record's bytes as read, its fields as ranges of those bytes, its line and why it is malformed.
/// </summary>
internal sealed class CsvRecordBatch
{
    private int _capacity;
    private byte[] _bytes = new byte[1 << 12];
    private int _bytesUsed;
    private int[] _fieldStart = new int[1 << 8];
    private int[] _fieldLength = new int[1 << 8];
    private int _fields;
    private int[] _firstField = [], _fieldCount = [], _rawStart = [], _rawLength = [];
    private long[] _line = [];
    private string?[] _malformed = [];
    private PreparedFields[] _prepared = [];

    public CsvRecordBatch(int capacity) => Clear(capacity);

    /// <summary>Records in the batch.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the batch holds as many records as it takes.</summary>
    public bool IsFull => Count == _capacity;

    /// <summary>Copies the reader's current record in, with what the splitting thread parsed of it.</summary>
    public void Add(CsvRecordReader records, PreparedFields prepared)
    {
        var raw = records.RawRecord;
        var starts = records.FieldStarts;
        var lengths = records.FieldLengths;
        var fields = starts.Length;
        if (_bytesUsed + raw.Length > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _bytesUsed + raw.Length));
        if (_fields + fields > _fieldStart.Length)
        {
            var length = Math.Max(_fieldStart.Length * 2, _fields + fields);
            Array.Resize(ref _fieldStart, length);
            Array.Resize(ref _fieldLength, length);
        }
        var i = Count++;
        raw.CopyTo(_bytes.AsSpan(_bytesUsed));
        // Fields are ranges inside the record's bytes, so they move with it.
        var shift = _bytesUsed - records.RecordStart;
        var movedStarts = _fieldStart.AsSpan(_fields, fields);
        var movedLengths = _fieldLength.AsSpan(_fields, fields);
        // A plain loop: for a handful of fields a block copy's call costs more than the copy.
        for (var f = 0; f < movedStarts.Length && f < starts.Length && f < movedLengths.Length && f < lengths.Length; f++)
        {
            movedStarts[f] = starts[f] + shift;
            movedLengths[f] = lengths[f];
        }
        _firstField[i] = _fields;
        _fieldCount[i] = fields;
        _rawStart[i] = _bytesUsed;
        _rawLength[i] = raw.Length;
        _line[i] = records.Line;
        _malformed[i] = records.Malformed;
        _prepared[i] = prepared;
        _fields += fields;
        _bytesUsed += raw.Length;
    }

    public int FieldCount(int record) => _fieldCount[record];

    public ReadOnlySpan<byte> Field(int record, int field)
    {
        var f = _firstField[record] + field;
        return _bytes.AsSpan(_fieldStart[f], _fieldLength[f]);
    }

    public ReadOnlySpan<byte> RawRecord(int record) => _bytes.AsSpan(_rawStart[record], _rawLength[record]);

    public long Line(int record) => _line[record];

    public string? Malformed(int record) => _malformed[record];

    public PreparedFields Prepared(int record) => _prepared[record];

    /// <summary>Empties the batch for reuse, making room for <paramref name="capacity"/> records when it has less.</summary>
    public void Clear(int capacity)
    {
        Count = 0;
        _bytesUsed = 0;
        _fields = 0;
        Array.Clear(_malformed);
        if (capacity <= _capacity) return;
        _capacity = capacity;
        _firstField = new int[capacity];
        _fieldCount = new int[capacity];
        _rawStart = new int[capacity];
        _rawLength = new int[capacity];
        _line = new long[capacity];
        _malformed = new string?[capacity];
        _prepared = new PreparedFields[capacity];
    }
}

/// <summary>
/// A record's timestamp and amount as parsed ahead on the splitting thread; a field not parsed
/// there (or that did not parse) is parsed again by the reader, which then rejects it with its reason.
/// </summary>
internal readonly record struct PreparedFields(bool HasTimestamp, DateTime Timestamp, bool HasAmount, double Amount);
