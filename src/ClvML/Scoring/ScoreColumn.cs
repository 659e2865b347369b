using ClvML.Data.Tables;

namespace ClvML.Scoring;

/// <summary>
/// One column of the scores: a number per customer, or a code per customer into a short list of
/// distinct numbers or texts. Coded columns (P(alive) of the ~390,000 distinct histories of a
/// million customers, a cluster, an RFM segment) are formatted once per distinct value instead of
/// once per customer.
/// </summary>
internal sealed class ScoreColumn
{
    private ScoreColumn(string name, double[]? numbers, int[]? codes, double[]? distinctNumbers, IReadOnlyList<string>? distinctText)
    {
        Name = name;
        Numbers = numbers;
        Codes = codes;
        DistinctNumbers = distinctNumbers;
        DistinctText = distinctText;
    }

    /// <summary>The header name.</summary>
    public string Name { get; }
    /// <summary>The number of each customer; null for a coded column.</summary>
    public double[]? Numbers { get; }
    /// <summary>Each customer's index into <see cref="DistinctNumbers"/> or <see cref="DistinctText"/>; null for plain numbers.</summary>
    public int[]? Codes { get; }
    /// <summary>The values a coded numeric column takes.</summary>
    public double[]? DistinctNumbers { get; }
    /// <summary>The values a coded text column takes.</summary>
    public IReadOnlyList<string>? DistinctText { get; }

    public static ScoreColumn OfNumbers(string name, double[] values) => new(name, values, null, null, null);

    public static ScoreColumn OfCodedNumbers(string name, int[] codes, double[] distinct) => new(name, null, codes, distinct, null);

    public static ScoreColumn OfCodedText(string name, int[] codes, IReadOnlyList<string> distinct) => new(name, null, codes, null, distinct);

    /// <summary>Whether the column holds numbers (plain or coded).</summary>
    public bool IsNumeric => DistinctText is null;

    /// <summary>The number of customer <paramref name="row"/> of a numeric column.</summary>
    public double Number(int row) => Numbers is { } numbers ? numbers[row] : DistinctNumbers![Codes![row]];

    /// <summary>The first customer whose number is NaN or infinite, -1 when none (or a text column).</summary>
    public int FirstNonFinite()
    {
        if (Numbers is { } numbers)
        {
            for (var i = 0; i < numbers.Length; i++)
                if (!double.IsFinite(numbers[i])) return i;
            return -1;
        }
        if (DistinctNumbers is not { } distinct || Array.TrueForAll(distinct, double.IsFinite)) return -1;
        var codes = Codes!;
        for (var i = 0; i < codes.Length; i++)
            if (!double.IsFinite(distinct[codes[i]])) return i;
        return -1;
    }

    /// <summary>The column with one value per customer, for the Parquet and database writers.</summary>
    public TableColumn ToTableColumn()
    {
        if (Numbers is { } numbers) return TableColumn.OfReals(Name, numbers);
        var codes = Codes!;
        if (DistinctNumbers is { } distinct)
        {
            var values = new double[codes.Length];
            for (var i = 0; i < codes.Length; i++) values[i] = distinct[codes[i]];
            return TableColumn.OfReals(Name, values);
        }
        var text = new string[codes.Length];
        for (var i = 0; i < codes.Length; i++) text[i] = DistinctText![codes[i]];
        return TableColumn.OfText(Name, text);
    }
}
