using ClvML.Data;
using ClvML.Features;

namespace ClvML.Tests.Features;

/// <summary>
/// Integer and text ids share one index space: a number and its invariant text are one customer,
/// and the first text id moves the integer ids into the text table without changing an index.
/// </summary>
public sealed class CustomerIndexTests
{
    [Fact]
    public void A_number_and_its_text_are_one_customer_and_indices_keep_first_appearance()
    {
        var rows = new PendingRows(16, attributeCount: 0);
        rows.AddNumeric(42, 0, 1, 1, isReturn: false);
        rows.AddNumeric(-7, 0, 1, 2, isReturn: false);
        AddText(rows, "C1");
        AddText(rows, "42");
        rows.AddNumeric(long.MinValue, 0, 1, 5, isReturn: false);
        rows.AddNumeric(-7, 0, 1, 6, isReturn: false);
        AddText(rows, "-9223372036854775808");

        var index = new CustomerIndex();
        var customers = Enumerable.Range(0, rows.Count).Select(i => index.GetOrAdd(rows, i, out _)).ToArray();

        Assert.Equal([0, 1, 2, 0, 3, 1, 3], customers);
        Assert.Equal(["42", "-7", "C1", "-9223372036854775808"], Enumerable.Range(0, index.Count).Select(index.Id));
    }

    [Fact]
    public void Integer_ids_alone_come_out_as_invariant_text()
    {
        var rows = new PendingRows(4, attributeCount: 0);
        rows.AddNumeric(1_000_000, 0, 1, 1, isReturn: false);
        rows.AddNumeric(0, 0, 1, 2, isReturn: false);
        var index = new CustomerIndex();
        for (var i = 0; i < rows.Count; i++) index.GetOrAdd(rows, i, out _);
        Assert.Equal(["1000000", "0"], Enumerable.Range(0, index.Count).Select(index.Id));
    }

    private static void AddText(PendingRows rows, string id) =>
        rows.Add(new TransactionRow { CustomerId = id, Line = rows.Count + 1 }, 0, isReturn: false);
}
