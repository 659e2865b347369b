using System.Globalization;
using System.Text;

namespace ClvML.Features;

/// <summary>
/// Customer id -> dense index 0..n-1 (order of first appearance), for rows whose ids are text or
/// integers. While every id so far is an integer they live in a <see cref="NumericCustomerKeyTable"/>
/// (no text per row); the first text id moves them, in index order, into the
/// <see cref="CustomerKeyTable"/> as their invariant text, so an id means one customer whichever way
/// it arrives (Parquet's 42 and CSV's "42" alike) and indices never change.
/// </summary>
internal sealed class CustomerIndex
{
    // The longest int64 text: "-9223372036854775808".
    private const int MaxNumberBytes = 20;
    private readonly CustomerKeyTable _text = new();
    private NumericCustomerKeyTable? _numbers = new();

    /// <summary>Number of distinct customers.</summary>
    public int Count => _numbers?.Count ?? _text.Count;

    /// <summary>The id of <paramref name="customer"/> as text, exactly as the per-row path formats it.</summary>
    public string Id(int customer) =>
        _numbers is { } numbers ? numbers.Key(customer).ToString(CultureInfo.InvariantCulture) : Encoding.UTF8.GetString(_text.Key(customer));

    /// <summary>The ids of <paramref name="customers"/>, in that order, as a list that makes strings only when read.</summary>
    public CustomerIdList Ids(List<int> customers)
    {
        if (_numbers is { } numbers)
        {
            var ids = new long[customers.Count];
            for (var i = 0; i < ids.Length; i++) ids[i] = numbers.Key(customers[i]);
            return new CustomerIdList(ids);
        }
        var start = new int[customers.Count];
        var length = new int[customers.Count];
        for (var i = 0; i < start.Length; i++) (start[i], length[i]) = _text.Locate(customers[i]);
        return new CustomerIdList(_text.Arena, start, length);
    }

    /// <summary>
    /// How many rounds of <see cref="Prefetch"/> a lookup needs: each round's prefetch reads what
    /// the round before loaded (a text id's slot, then for a long id its key offset, then its text).
    /// </summary>
    public int PrefetchRounds => _numbers is null ? _text.PrefetchRounds : 1;

    /// <summary>Round <paramref name="round"/> of loading what a lookup of row <paramref name="row"/> will read.</summary>
    public void Prefetch(PendingRows rows, int row, int round)
    {
        if (_numbers is { } numbers)
        {
            if (rows.IsNumeric(row)) numbers.Prefetch(rows.Number[row], rows.Hash[row]);
        }
        else if (!rows.IsNumeric(row)) _text.Prefetch(rows.Hash[row], round);
    }

    /// <summary>The index of row <paramref name="row"/>'s customer, adding it when new.</summary>
    public int GetOrAdd(PendingRows rows, int row, out bool added)
    {
        if (rows.IsNumeric(row))
        {
            if (_numbers is { } numbers) return numbers.GetOrAdd(rows.Number[row], rows.Hash[row], out added);
            Span<byte> text = stackalloc byte[MaxNumberBytes];
            rows.Number[row].TryFormat(text, out var length, provider: CultureInfo.InvariantCulture);
            return _text.GetOrAdd(text[..length], CustomerKeyTable.Hash(text[..length]), out added);
        }
        if (_numbers is not null) MoveNumbersToText();
        return _text.GetOrAdd(rows.Key(row), rows.Hash[row], out added);
    }

    private void MoveNumbersToText()
    {
        Span<byte> text = stackalloc byte[MaxNumberBytes];
        for (var i = 0; i < _numbers!.Count; i++)
        {
            _numbers.Key(i).TryFormat(text, out var length, provider: CultureInfo.InvariantCulture);
            // Distinct numbers have distinct texts, so each is added, at index i.
            _text.GetOrAdd(text[..length], CustomerKeyTable.Hash(text[..length]), out _);
        }
        _numbers = null;
    }
}
