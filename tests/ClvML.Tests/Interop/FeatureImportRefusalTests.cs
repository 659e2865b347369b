using ClvML.Configuration;
using ClvML.Features;
using ClvML.Interop;
using Microsoft.Data.Analysis;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClvML.Tests.Interop;

/// <summary>What a DataFrame or IDataView of features may not hold: each refusal names the column, the row (from 0) and the customer.</summary>
public sealed class FeatureImportRefusalTests
{
    private static DataFrame Frame() => InteropTables.Awkward().ToDataFrame();

    private static string Refusal(DataFrame frame) =>
        Assert.Throws<InputException>(() => frame.ToFeatureTable(TimeUnit.Week)).Message;

    [Fact]
    public void A_missing_summary_column_is_refused_listing_the_columns_there_are()
    {
        var frame = Frame();
        frame.Columns.Remove("T");
        frame.Columns.Remove("monetary_value");
        var message = Refusal(frame);
        Assert.StartsWith("DataFrame of customer features: it lacks the columns 'T', 'monetary_value'.", message);
        Assert.Contains("Its columns are customer_id (String), frequency (Double), recency (Double), recency_days (Int32),", message);
    }

    [Fact]
    public void Names_are_case_sensitive_and_a_near_miss_is_named()
    {
        var frame = Frame();
        frame.Columns["T"].SetName("t");
        Assert.Contains("it lacks the column 'T' (there is 't'; names are case-sensitive, as in features.csv)", Refusal(frame));
    }

    [Fact]
    public void Rfm_and_holdout_columns_go_together()
    {
        var frame = Frame();
        frame.Columns.Remove("orders");
        frame.Columns.Remove("holdout_spend");
        var message = Refusal(frame);
        Assert.Contains("it lacks the columns 'orders', 'holdout_spend'", message);
        Assert.Contains("the RFM columns go together (recency_days, orders, total_spend, avg_order_value, tenure_days, first_purchase, last_purchase): give them all or none", message);
        Assert.Contains("the holdout columns go together (holdout_frequency, holdout_spend, holdout_duration): give them all or none", message);

        // Without any of them the table is a summary table.
        var summary = Frame();
        foreach (var name in new[] { "recency_days", "orders", "total_spend", "avg_order_value", "tenure_days", "first_purchase", "last_purchase" }) summary.Columns.Remove(name);
        var table = summary.ToFeatureTable(TimeUnit.Week);
        Assert.Null(table.Rfm);
        Assert.NotNull(table.Holdout);
    }

    [Fact]
    public void A_column_of_the_wrong_type_is_refused_with_what_it_should_be()
    {
        var frame = Frame();
        frame.Columns[frame.Columns.IndexOf("frequency")] = new BooleanDataFrameColumn("frequency", [true, false, true, false]);
        frame.Columns[frame.Columns.IndexOf("first_purchase")] = new StringDataFrameColumn("first_purchase", ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"]);
        frame.Columns[frame.Columns.IndexOf("customer_id")] = new DoubleDataFrameColumn("customer_id", [1.0, 2, 3, 4]);
        var message = Refusal(frame);
        Assert.Contains("column 'customer_id' is Double, but customer_id is the customer id: give a text or whole-number column", message);
        Assert.Contains("column 'frequency' is Boolean, but frequency is a real feature: give a numeric column (any numeric type, widened to double)", message);
        Assert.Contains("column 'first_purchase' is String, but first_purchase is a date: give a DateTime column", message);
    }

    [Fact]
    public void A_null_is_refused_naming_column_row_and_customer()
    {
        var frame = Frame();
        frame["recency_days"][2] = null;
        Assert.Equal("DataFrame column 'recency_days', row 2 (customer 'ü-7'): the value is null (missing); every customer needs a value.", Refusal(frame));
        var ids = Frame();
        ids["customer_id"][1] = null;
        Assert.Equal("DataFrame column 'customer_id', row 1: the value is null (missing); every customer needs a value.", Refusal(ids));
        var dates = Frame();
        dates["last_purchase"][3] = null;
        Assert.StartsWith("DataFrame column 'last_purchase', row 3 (customer '42'): the value is null", Refusal(dates));
    }

    [Theory]
    [InlineData(double.NaN, "NaN (a missing value); a feature value must be a finite number")]
    [InlineData(double.PositiveInfinity, "Infinity; a feature value must be a finite number")]
    [InlineData(double.NegativeInfinity, "-Infinity; a feature value must be a finite number")]
    public void A_non_finite_number_is_refused(double value, string problem)
    {
        var frame = Frame();
        frame["monetary_value"][1] = value;
        Assert.Equal($"DataFrame column 'monetary_value', row 1 (customer 'b,c'): {problem}.", Refusal(frame));
    }

    [Fact]
    public void A_negative_count_or_duration_is_refused_but_negative_money_is_not()
    {
        var counts = Frame();
        counts["orders"][3] = -1;
        Assert.Equal("DataFrame column 'orders', row 3 (customer '42'): -1 is negative; orders counts orders.", Refusal(counts));
        var frequency = Frame();
        frequency["frequency"][0] = -2.0;
        Assert.Equal("DataFrame column 'frequency', row 0 (customer 'a'): -2 is negative; frequency counts purchase periods.", Refusal(frequency));
        var duration = Frame();
        duration["holdout_duration"][2] = -0.5;
        Assert.Contains("column 'holdout_duration', row 2 (customer 'ü-7'): -0.5 is negative", Refusal(duration));
        // The awkward table itself has negative spend (returns), and reads.
        Assert.Equal(-12.5, Frame().ToFeatureTable(TimeUnit.Week).Rfm!.TotalSpend[1]);
    }

    [Fact]
    public void A_fractional_or_too_large_whole_number_is_refused()
    {
        var frame = Frame();
        frame.Columns[frame.Columns.IndexOf("tenure_days")] = new DoubleDataFrameColumn("tenure_days", [0.0, 9, 12.5, 1]);
        Assert.Equal("DataFrame column 'tenure_days', row 2 (customer 'ü-7'): 12.5 is not a whole number of days.", Refusal(frame));
        var large = Frame();
        large.Columns[large.Columns.IndexOf("orders")] = new Int64DataFrameColumn("orders", [1L, 2, 3, 1L << 40]);
        Assert.Equal("DataFrame column 'orders', row 3 (customer '42'): 1099511627776 is more than a 32-bit count holds (2147483647).", Refusal(large));
    }

    [Fact]
    public void An_empty_or_repeated_customer_id_and_recency_after_T_are_refused()
    {
        var empty = Frame();
        empty["customer_id"][2] = " ";
        Assert.Equal("DataFrame column 'customer_id', row 2: the customer id is empty.", Refusal(empty));
        var repeated = Frame();
        repeated["customer_id"][3] = "b,c";
        Assert.Equal("DataFrame column 'customer_id', row 3 (customer 'b,c'): the customer appears again (first at row 1); a feature table has one row a customer.", Refusal(repeated));
        var recency = Frame();
        recency["recency"][1] = 0.75;
        Assert.Equal("DataFrame column 'recency', row 1 (customer 'b,c'): recency 0.75 is greater than T 0.6000000000000001.", Refusal(recency));
    }

    [Fact]
    public void A_date_with_a_time_of_day_is_refused()
    {
        var frame = Frame();
        frame["first_purchase"][1] = new DateTime(2024, 2, 29, 13, 45, 0);
        Assert.Equal("DataFrame column 'first_purchase', row 1 (customer 'b,c'): 2024-02-29 13:45:00 has a time of day; first_purchase is a calendar date (midnight).", Refusal(frame));
    }

    [Fact]
    public void An_attribute_must_be_there_as_text_and_may_not_be_a_feature_column()
    {
        var frame = Frame();
        Assert.Contains("it lacks the column 'region'", Assert.Throws<InputException>(() => frame.ToFeatureTable(TimeUnit.Week, attributes: ["region"])).Message);
        frame.Columns.Add(new Int32DataFrameColumn("segment", [1, 2, 3, 4]));
        Assert.Contains("column 'segment' is Int32, but segment is text: give a text column",
            Assert.Throws<InputException>(() => frame.ToFeatureTable(TimeUnit.Week, attributes: ["segment"])).Message);
        Assert.Equal("'orders' is a feature column, not an attribute; attributes are the other text columns. (Parameter 'attributes')",
            Assert.Throws<ArgumentException>(() => frame.ToFeatureTable(TimeUnit.Week, attributes: ["orders"])).Message);
    }

    [Fact]
    public void An_IDataView_refuses_NaN_vectors_and_keys_and_widens_floats()
    {
        var ml = new MLContext(seed: 1);
        var rows = new[]
        {
            new SummaryRow { customer_id = "a", frequency = 1, recency = 2, T = 3, monetary_value = 4.1f },
            new SummaryRow { customer_id = "b", frequency = 0, recency = float.NaN, T = 3, monetary_value = 0 },
        };
        var view = ml.Data.LoadFromEnumerable(rows);
        Assert.Equal("IDataView column 'recency', row 1 (customer 'b'): NaN (a missing value); a feature value must be a finite number.",
            Assert.Throws<InputException>(() => view.ToFeatureTable(TimeUnit.Day)).Message);

        rows[1].recency = 1;
        var table = ml.Data.LoadFromEnumerable(rows).ToFeatureTable(TimeUnit.Day);
        // Single widens exactly: 4.1f is 4.099999904632568 as a double.
        Assert.Equal((double)4.1f, table.MonetaryValue[0]);
        Assert.Equal([1.0, 0.0], table.Frequency);

        var vectors = ml.Data.LoadFromEnumerable(new[] { new VectorRow { customer_id = "a", frequency = [1, 2], recency = 0, T = 1, monetary_value = 0 } });
        Assert.Contains("column 'frequency' is Vector<Single, 2>, but frequency is a real feature", Assert.Throws<InputException>(() => vectors.ToFeatureTable(TimeUnit.Day)).Message);
        var keyed = ml.Transforms.Conversion.MapValueToKey("recency").Fit(view).Transform(view);
        Assert.Contains("column 'recency' is Key<UInt32, 0-1>, but recency is a real feature", Assert.Throws<InputException>(() => keyed.ToFeatureTable(TimeUnit.Day)).Message);
    }

#pragma warning disable IDE1006 // ML.NET maps properties to columns by name.
    private sealed class SummaryRow
    {
        public string customer_id { get; set; } = "";
        public float frequency { get; set; }
        public float recency { get; set; }
        public float T { get; set; }
        public float monetary_value { get; set; }
    }

    private sealed class VectorRow
    {
        public string customer_id { get; set; } = "";
        [VectorType(2)] public float[] frequency { get; set; } = [];
        public float recency { get; set; }
        public float T { get; set; }
        public float monetary_value { get; set; }
    }
#pragma warning restore IDE1006
}
