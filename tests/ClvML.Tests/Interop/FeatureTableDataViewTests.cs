using ClvML.Features;
using ClvML.Interop;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClvML.Tests.Interop;

/// <summary>A feature table as an ML.NET IDataView: schema and annotations from the feature schema, values read in place, and back to the same table.</summary>
public sealed class FeatureTableDataViewTests
{
    [Fact]
    public void Schema_is_the_feature_schema_with_unit_and_meaning_annotations()
    {
        var table = InteropTables.Awkward();
        var view = table.ToDataView();
        var columns = FeatureSchema.ColumnsOf(table);
        Assert.Equal(columns.Select(c => c.Name), view.Schema.Select(c => c.Name));
        Assert.Equal(TextDataViewType.Instance, view.Schema["customer_id"].Type);
        Assert.Equal(NumberDataViewType.Double, view.Schema["frequency"].Type);
        Assert.Equal(NumberDataViewType.Int32, view.Schema["orders"].Type);
        Assert.Equal(DateTimeDataViewType.Instance, view.Schema["last_purchase"].Type);
        Assert.Equal(TextDataViewType.Instance, view.Schema["channel"].Type);
        Assert.Equal(4, view.GetRowCount());

        Assert.Equal("weeks", Annotation(view.Schema["recency"], FeatureTableDataView.UnitAnnotation));
        Assert.Equal("purchase periods", Annotation(view.Schema["frequency"], FeatureTableDataView.UnitAnnotation));
        Assert.Equal("currency per order", Annotation(view.Schema["avg_order_value"], FeatureTableDataView.UnitAnnotation));
        Assert.Equal("", Annotation(view.Schema["customer_id"], FeatureTableDataView.UnitAnnotation));
        foreach (var column in columns) Assert.Equal(column.Meaning, Annotation(view.Schema[column.Name], FeatureTableDataView.MeaningAnnotation));
        Assert.Equal("The customer's Country on their earliest row.", Annotation(view.Schema["Country"], FeatureTableDataView.MeaningAnnotation));
    }

    [Fact]
    public void Table_to_IDataView_to_table_is_equal_to_the_last_bit()
    {
        var table = InteropTables.Awkward();
        InteropTables.AssertBitwiseEqual(table, table.ToDataView().ToFeatureTable(table.TimeUnit, table.Window, ["channel", "Country"]));
        var sample = InteropTables.Sample(700, seed: 3);
        InteropTables.AssertBitwiseEqual(sample, sample.ToDataView().ToFeatureTable(sample.TimeUnit, sample.Window, ["channel", "country"]));
    }

    [Fact]
    public void The_DataFrame_as_ML_NETs_IDataView_also_round_trips_to_the_last_bit()
    {
        // ML.NET's adapter over a DataFrame reads the wrapped arrays too; the reader takes it as any IDataView.
        var table = InteropTables.Sample(500, seed: 5);
        IDataView frameView = new DataViewOverFrame(table.ToDataFrame());
        InteropTables.AssertBitwiseEqual(table, frameView.ToFeatureTable(table.TimeUnit, table.Window, ["channel", "country"]));
    }

    [Fact]
    public void The_view_reads_the_tables_arrays_at_read_time()
    {
        var table = InteropTables.Awkward();
        var view = table.ToDataView();
        table.Frequency[2] = 7.75;
        table.Rfm!.TenureDays[0] = 31;
        table.Rfm.LastPurchase[3] = new DateOnly(2030, 5, 6);
        using var cursor = view.GetRowCursor(view.Schema);
        var frequency = cursor.GetGetter<double>(view.Schema["frequency"]);
        var tenure = cursor.GetGetter<int>(view.Schema["tenure_days"]);
        var last = cursor.GetGetter<DateTime>(view.Schema["last_purchase"]);
        var id = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["customer_id"]);
        var (f, d, l, i) = (0.0, 0, default(DateTime), default(ReadOnlyMemory<char>));
        var seen = new List<(double, int, DateTime, string)>();
        while (cursor.MoveNext())
        {
            frequency(ref f);
            tenure(ref d);
            last(ref l);
            id(ref i);
            seen.Add((f, d, l, i.ToString()));
        }
        Assert.Equal(4, seen.Count);
        Assert.Equal((0.0, 31, new DateTime(2000, 1, 1), "a"), seen[0]);
        Assert.Equal((7.75, 12345, new DateTime(2025, 3, 3), "ü-7"), seen[2]);
        Assert.Equal((1e15, int.MaxValue, new DateTime(2030, 5, 6), "42"), seen[3]);
        Assert.Throws<InvalidOperationException>(() => frequency(ref f));
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<float>(view.Schema["frequency"]));
    }

    [Fact]
    public void ML_NET_consumes_the_view_in_a_pipeline_and_as_typed_rows()
    {
        var table = InteropTables.Sample(300, seed: 8);
        var ml = new MLContext(seed: 1);
        var view = table.ToDataView();
        var rows = ml.Data.CreateEnumerable<FeatureRow>(view, reuseRowObject: false).ToList();
        Assert.Equal(table.Count, rows.Count);
        for (var i = 0; i < table.Count; i++)
        {
            Assert.Equal(table.CustomerIds[i], rows[i].customer_id);
            Assert.Equal(table.T[i], rows[i].T);
            Assert.Equal(table.Rfm!.Orders[i], rows[i].orders);
            Assert.Equal(table.Rfm.FirstPurchase[i].ToDateTime(TimeOnly.MinValue), rows[i].first_purchase);
        }
        var features = ml.Transforms.Concatenate("Features", "frequency", "recency", "T", "monetary_value").Fit(view).Transform(view);
        var vectors = features.GetColumn<VBuffer<double>>("Features").Select(v => v.DenseValues().ToArray()).ToList();
        Assert.Equal(table.Count, vectors.Count);
        Assert.Equal([table.Frequency[7], table.Recency[7], table.T[7], table.MonetaryValue[7]], vectors[7]);
    }

    private static string Annotation(DataViewSchema.Column column, string kind)
    {
        var value = default(ReadOnlyMemory<char>);
        column.Annotations.GetValue(kind, ref value);
        return value.ToString();
    }

    /// <summary>A typed row of the view, as an ML.NET user would declare it (property names are column names).</summary>
    private sealed class FeatureRow
    {
#pragma warning disable IDE1006 // ML.NET maps properties to columns by name.
        public string customer_id { get; set; } = "";
        public double T { get; set; }
        public int orders { get; set; }
        public DateTime first_purchase { get; set; }
#pragma warning restore IDE1006
    }

    /// <summary>Hides the DataFrame type, so the reader goes through ML.NET's IDataView adapter rather than the DataFrame's columns.</summary>
    private sealed class DataViewOverFrame(IDataView inner) : IDataView
    {
        public bool CanShuffle => inner.CanShuffle;
        public DataViewSchema Schema => inner.Schema;
        public long? GetRowCount() => inner.GetRowCount();
        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => inner.GetRowCursor(columnsNeeded, rand);
        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => inner.GetRowCursorSet(columnsNeeded, n, rand);
    }
}
