using System.Buffers;
using System.Text.Unicode;
using ClvML.Data;

namespace ClvML.Features;

/// <summary>
/// Accepted rows waiting to be applied, column by column: what <see cref="TransactionAccumulator"/>
/// needs of a row, copied out of the reader's buffers (ids as UTF-8 and attribute values into arenas).
/// A row from a column batch keeps its integer id in <see cref="Number"/> instead of text.
/// </summary>
internal sealed class PendingRows
{
    private readonly int _capacity;
    private readonly int _attributeCount;
    private byte[] _keys = new byte[1 << 15];
    private readonly int[] _keyStart, _keyLength;
    private char[] _attributeText = [];
    private readonly Range[] _attributeRanges;
    private int _keysUsed, _attributesUsed;

    public PendingRows(int capacity, int attributeCount)
    {
        _capacity = capacity;
        _attributeCount = attributeCount;
        _keyStart = new int[capacity];
        _keyLength = new int[capacity];
        Hash = new uint[capacity];
        Number = new long[capacity];
        Ticks = new long[capacity];
        Amount = new double[capacity];
        OrderHash = new ulong[capacity];
        Line = new long[capacity];
        IsReturn = new bool[capacity];
        Customer = new int[capacity];
        _attributeRanges = new Range[capacity * attributeCount];
    }

    public int Count { get; private set; }
    /// <summary>Hash of the id: <see cref="CustomerKeyTable.Hash"/> of the text, or <see cref="NumericCustomerKeyTable.Hash"/> of the number.</summary>
    public uint[] Hash { get; }
    /// <summary>The integer id of a row for which <see cref="IsNumeric"/> holds.</summary>
    public long[] Number { get; }
    /// <summary>Timestamps as <see cref="DateTime.Ticks"/>; the day is ticks / ticks per day.</summary>
    public long[] Ticks { get; }
    public double[] Amount { get; }
    public ulong[] OrderHash { get; }
    public long[] Line { get; }
    public bool[] IsReturn { get; }
    /// <summary>Filled by the accumulator: each row's customer index.</summary>
    public int[] Customer { get; }

    /// <summary>Whether <see cref="Customer"/> is filled already (ids resolved on the reading thread).</summary>
    public bool Resolved { get; private set; }
    /// <summary>For a resolved batch: how many customers there are after its rows.</summary>
    public int CustomersAfter { get; private set; }

    /// <summary>Records that every row's <see cref="Customer"/> is set and that <paramref name="customers"/> customers exist.</summary>
    public void MarkResolved(int customers) => (Resolved, CustomersAfter) = (true, customers);

    /// <summary>Whether the row's id is the integer in <see cref="Number"/> rather than text.</summary>
    public bool IsNumeric(int row) => _keyLength[row] < 0;

    /// <summary>The text id of a row for which <see cref="IsNumeric"/> does not hold, as UTF-8.</summary>
    public ReadOnlySpan<byte> Key(int row) => _keys.AsSpan(_keyStart[row], _keyLength[row]);

    public ReadOnlySpan<char> Attribute(int row, int attribute) => _attributeText.AsSpan()[_attributeRanges[row * _attributeCount + attribute]];

    /// <summary>Copies a row in, its id as UTF-8 with its <see cref="CustomerKeyTable.Hash"/>; true when the batch is full.</summary>
    public bool Add(in TransactionRow row, ulong orderHash, bool isReturn)
    {
        var i = Count++;
        var id = row.CustomerId;
        // UTF-8 takes at most three bytes per UTF-16 char.
        if (_keysUsed + 3 * id.Length > _keys.Length) Array.Resize(ref _keys, Math.Max(_keys.Length * 2, _keysUsed + 3 * id.Length));
        if (Utf8.FromUtf16(id, _keys.AsSpan(_keysUsed), out _, out var length, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            Count--;
            throw new InputException($"row {row.Line}: the customer id '{id}' is not valid Unicode text (an unpaired surrogate).");
        }
        Hash[i] = CustomerKeyTable.Hash(_keys.AsSpan(_keysUsed, length));
        _keyStart[i] = _keysUsed;
        _keyLength[i] = length;
        _keysUsed += length;
        Ticks[i] = row.Timestamp.Ticks;
        Amount[i] = row.Amount;
        OrderHash[i] = orderHash;
        Line[i] = row.Line;
        IsReturn[i] = isReturn;
        if (_attributeCount > 0) CopyAttributes(row, i);
        return Count == _capacity;
    }

    /// <summary>Copies a row with an integer id in; true when the batch is full.</summary>
    public bool AddNumeric(long id, long ticks, double amount, long line, bool isReturn)
    {
        var i = Count++;
        _keyLength[i] = -1;
        Number[i] = id;
        Hash[i] = NumericCustomerKeyTable.Hash(id);
        Ticks[i] = ticks;
        Amount[i] = amount;
        OrderHash[i] = 0;
        Line[i] = line;
        IsReturn[i] = isReturn;
        // Column batches carry no attributes; the values read as empty.
        for (var a = 0; a < _attributeCount; a++) _attributeRanges[i * _attributeCount + a] = default;
        return Count == _capacity;
    }

    private void CopyAttributes(in TransactionRow row, int i)
    {
        var text = row.AttributeText;
        if (_attributesUsed + text.Length > _attributeText.Length)
            Array.Resize(ref _attributeText, Math.Max(Math.Max(_attributeText.Length * 2, 1024), _attributesUsed + text.Length));
        text.CopyTo(_attributeText.AsSpan(_attributesUsed));
        for (var a = 0; a < _attributeCount; a++)
        {
            var r = row.AttributeRanges[a];
            _attributeRanges[i * _attributeCount + a] = new Range(r.Start.Value + _attributesUsed, r.End.Value + _attributesUsed);
        }
        _attributesUsed += text.Length;
    }

    public void Clear()
    {
        Count = 0;
        Resolved = false;
        _keysUsed = 0;
        _attributesUsed = 0;
    }
}
