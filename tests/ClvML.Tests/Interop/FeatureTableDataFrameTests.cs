using ClvML.Configuration;
using ClvML.Features;
using ClvML.Interop;
using Microsoft.Data.Analysis;

namespace ClvML.Tests.Interop;

/// <summary>A feature table as a DataFrame: the schema's names, order and types, the numeric arrays shared, and back to the same table.</summary>
public sealed class FeatureTableDataFrameTests
{
    [Fact]
    public void Columns_are_the_feature_schemas_in_file_order_with_its_types()
    {
        var table = InteropTables.Awkward();
        var frame = table.ToDataFrame();
        Assert.Equal(FeatureSchema.ColumnsOf(table).Select(c => c.Name), frame.Columns.Select(c => c.Name));
        Assert.Equal(
            ["customer_id", "frequency", "recency", "T", "monetary_value", "recency_days", "orders", "total_spend", "avg_order_value", "tenure_days",
             "first_purchase", "last_purchase", "channel", "Country", "holdout_frequency", "holdout_spend", "holdout_duration"],
            frame.Columns.Select(c => c.Name));
        Assert.IsType<StringDataFrameColumn>(frame["customer_id"]);
        Assert.IsType<DoubleDataFrameColumn>(frame["frequency"]);
        Assert.IsType<Int32DataFrameColumn>(frame["orders"]);
        Assert.IsType<DateTimeDataFrameColumn>(frame["first_purchase"]);
        Assert.IsType<StringDataFrameColumn>(frame["channel"]);
        Assert.Equal(4, frame.Rows.Count);
        Assert.All(frame.Columns, c => Assert.Equal(0, c.NullCount));
        Assert.Equal("b,c", frame["customer_id"][1]);
        Assert.Equal(int.MaxValue, frame["orders"][3]);
        Assert.Equal(new DateTime(2024, 2, 29), frame["first_purchase"][1]);
        Assert.Equal(DateTime.MinValue, frame["first_purchase"][0]);
        Assert.Equal("store, north", frame["channel"][2]);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits((double)frame["total_spend"][0]!));
        Assert.Equal(double.Epsilon, frame["total_spend"][2]);
    }

    [Fact]
    public void Table_to_DataFrame_to_table_is_equal_to_the_last_bit()
    {
        var table = InteropTables.Awkward();
        var back = table.ToDataFrame().ToFeatureTable(table.TimeUnit, table.Window, ["channel", "Country"]);
        InteropTables.AssertBitwiseEqual(table, back);
    }

    [Fact]
    public void A_feature_build_round_trips_through_a_DataFrame_and_the_DataFrames_own_CSV()
    {
        var table = InteropTables.Sample(800);
        Assert.NotNull(table.Rfm);
        Assert.NotNull(table.Holdout);
        var frame = table.ToDataFrame();
        InteropTables.AssertBitwiseEqual(table, frame.ToFeatureTable(table.TimeUnit, table.Window, ["channel", "country"]));

        // A user's round trip through Microsoft.Data.Analysis' own CSV writer and reader keeps the values too
        // (it writes doubles in round-trip form); its integer columns read back as Int64 here, and are narrowed again.
        using var csv = new MemoryStream();
        DataFrame.SaveCsv(frame, csv, cultureInfo: System.Globalization.CultureInfo.InvariantCulture);
        csv.Position = 0;
        var types = frame.Columns.Select(c => c.DataType == typeof(int) ? typeof(long) : c.DataType).ToArray();
        var loaded = DataFrame.LoadCsv(csv, dataTypes: types, cultureInfo: System.Globalization.CultureInfo.InvariantCulture);
        InteropTables.AssertBitwiseEqual(table, loaded.ToFeatureTable(table.TimeUnit, table.Window, ["channel", "country"]));
    }

    [Fact]
    public void Numeric_columns_are_the_tables_arrays_and_a_write_through_the_DataFrame_leaves_the_table_alone()
    {
        var table = InteropTables.Awkward();
        var frame = table.ToDataFrame();
        table.Frequency[0] = 42.5;
        table.Rfm!.Orders[1] = 77;
        table.Holdout!.Spend[3] = -8;
        Assert.Equal(42.5, frame["frequency"][0]);
        Assert.Equal(77, frame["orders"][1]);
        Assert.Equal(-8.0, frame["holdout_spend"][3]);
        // The wrapped buffer is the array itself, not a copy made at export time.
        var buffer = ((DoubleDataFrameColumn)frame["recency"]).GetReadOnlyDataBuffers().Single();
        Assert.True(buffer.Span.Overlaps(table.Recency, out var offset) && offset == 0 && buffer.Length == table.Recency.Length);

        frame["frequency"][1] = 99.0;
        Assert.Equal(1.0, table.Frequency[1]);
        Assert.Equal(99.0, frame["frequency"][1]);
        // Only that column was copied: the others still read the table.
        table.Recency[2] = 0.25;
        Assert.Equal(0.25, frame["recency"][2]);
    }

    [Fact]
    public void A_summary_table_without_rfm_or_holdout_and_an_empty_table_round_trip()
    {
        var summary = new CustomerFeatureTable(["x", "y"], [2, 0], [4, 0], [9, 1], [12.5, 0], TimeUnit.Day, InteropTables.Window);
        var frame = summary.ToDataFrame();
        Assert.Equal(["customer_id", "frequency", "recency", "T", "monetary_value"], frame.Columns.Select(c => c.Name));
        InteropTables.AssertBitwiseEqual(summary, frame.ToFeatureTable(TimeUnit.Day, InteropTables.Window));

        var empty = new CustomerFeatureTable([], [], [], [], [], TimeUnit.Month, InteropTables.Window,
            new RfmColumns([], [], [], [], [], [], []), new HoldoutColumns([], [], []));
        var emptyFrame = empty.ToDataFrame();
        Assert.Equal(0, emptyFrame.Rows.Count);
        Assert.Equal(FeatureSchema.ColumnsOf(empty).Count, emptyFrame.Columns.Count);
        InteropTables.AssertBitwiseEqual(empty, emptyFrame.ToFeatureTable(TimeUnit.Month, InteropTables.Window));
    }

    [Fact]
    public void Any_numeric_column_type_is_widened_and_whole_values_of_floating_columns_fill_integer_features()
    {
        var table = InteropTables.Awkward();
        var frame = table.ToDataFrame();
        // A user's frame with other types: float, decimal, long, byte, and whole doubles for counts.
        frame.Columns[frame.Columns.IndexOf("frequency")] = new SingleDataFrameColumn("frequency", [0f, 1f, 2.5f, 1e15f]);
        frame.Columns[frame.Columns.IndexOf("recency")] = new DecimalDataFrameColumn("recency", [0m, 0.5m, 2.5m, 3m]);
        frame.Columns[frame.Columns.IndexOf("orders")] = new DoubleDataFrameColumn("orders", [1.0, 2.0, 3.0, int.MaxValue]);
        frame.Columns[frame.Columns.IndexOf("recency_days")] = new Int64DataFrameColumn("recency_days", [0L, 5L, int.MaxValue, 17L]);
        frame.Columns[frame.Columns.IndexOf("holdout_frequency")] = new ByteDataFrameColumn("holdout_frequency", [(byte)0, (byte)1, (byte)2, (byte)3]);
        frame.Columns[frame.Columns.IndexOf("customer_id")] = new Int64DataFrameColumn("customer_id", [long.MaxValue, -1L, 0L, 42L]);
        var read = frame.ToFeatureTable(table.TimeUnit, table.Window);
        Assert.Equal(["9223372036854775807", "-1", "0", "42"], read.CustomerIds);
        Assert.Equal([0.0, 1.0, 2.5, (double)1e15f], read.Frequency);
        Assert.Equal([0.0, 0.5, 2.5, 3.0], read.Recency);
        Assert.Equal([1, 2, 3, int.MaxValue], read.Rfm!.Orders);
        Assert.Equal([0, 5, int.MaxValue, 17], read.Rfm.RecencyDays);
        Assert.Equal([0.0, 1.0, 2.0, 3.0], read.Holdout!.Frequency);
        Assert.Empty(read.Attributes);
    }
}
