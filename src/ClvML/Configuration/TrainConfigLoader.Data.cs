using System.Globalization;
using YamlDotNet.RepresentationModel;
using ClvML.Data;

namespace ClvML.Configuration;

public static partial class TrainConfigLoader
{
    private static DataSettings BindData(YamlSection s)
    {
        var d = new DataSettings();
        var source = s.Enum("source", d.Source);
        var kind = s.Enum("kind", d.Kind);
        var data = new DataSettings
        {
            Source = source,
            Kind = kind,
            Path = s.NullableString("path", d.Path),
            Query = s.NullableString("query", d.Query),
            // ${VAR} references stay verbatim: they are expanded when connecting, so secrets never
            // reach run manifests.
            ConnectionString = s.NullableString("connection_string", d.ConnectionString),
            Sample = BindSample(s.Section("sample")),
            Columns = BindColumns(s.Section("columns"), kind),
            TimestampFormats = TimestampFormats(s),
            Delimiter = Delimiter(s, d.Delimiter),
            Header = s.Bool("header", d.Header),
            ColumnNames = s.NullableStringList("column_names", d.ColumnNames),
            Compression = s.Enum("compression", d.Compression),
            BadRows = s.Enum("bad_rows", d.BadRows),
            Returns = s.Enum("returns", d.Returns),
        };

        var sourceName = source.ToString().ToLowerInvariant();
        if (source is DataSourceKind.Csv or DataSourceKind.Parquet or DataSourceKind.Sqlite && !s.Given("path"))
            s.Report("path", $"source '{sourceName}' needs a path: the {(source == DataSourceKind.Sqlite ? "database" : "file")} to read");
        if (source is DataSourceKind.Sqlite or DataSourceKind.Postgres && !s.Given("query"))
            s.Report("query", $"source '{sourceName}' needs a query: SQL returning the mapped columns");
        if (source is DataSourceKind.Postgres && !s.Given("connection_string"))
            s.Report("connection_string", "source 'postgres' needs a connection_string (it may reference an environment variable, e.g. ${PGCONN})");
        if (!data.Header && !s.Given("column_names"))
            s.Report("column_names", "header: false needs column_names naming the file's columns, e.g. [customer_id, date, amount]");
        s.RejectUnknownKeys();
        return data;
    }

    private static SampleSettings BindSample(YamlSection s)
    {
        var sample = new SampleSettings { Customers = s.Int("customers", new SampleSettings().Customers, min: 1) };
        s.RejectUnknownKeys();
        return sample;
    }

    private static ColumnMapping BindColumns(YamlSection s, DataKind kind)
    {
        var d = new ColumnMapping();
        var columns = new ColumnMapping
        {
            CustomerId = s.String("customer_id", d.CustomerId),
            Timestamp = s.String("timestamp", d.Timestamp),
            Amount = s.NullableString("amount", d.Amount),
            Quantity = s.NullableString("quantity", d.Quantity),
            UnitPrice = s.NullableString("unit_price", d.UnitPrice),
            OrderId = s.NullableString("order_id", d.OrderId),
            Attributes = s.StringList("attributes", d.Attributes),
            Frequency = s.String("frequency", d.Frequency),
            Recency = s.String("recency", d.Recency),
            T = s.String("t", d.T),
            MonetaryValue = s.String("monetary_value", d.MonetaryValue),
        };
        s.RejectUnknownKeys();

        // Given, not the bound value: a bad value is already reported and must not read as "missing".
        if (s.Given("quantity") != s.Given("unit_price"))
        {
            var (missing, given) = s.Given("quantity") ? ("unit_price", "quantity") : ("quantity", "unit_price");
            s.Report(missing, $"{given} is given, so {missing} is needed too: the amount is quantity x unit_price (or remove {given} and give amount)");
            return columns;
        }
        if (s.Given("quantity"))
        {
            if (!s.Given("amount"))
                return columns with { Amount = null };
            s.Report("amount", "give either amount or quantity + unit_price, not all three: remove amount (it is computed as quantity x unit_price) or remove quantity and unit_price");
            return columns;
        }
        if (kind == DataKind.Transactions && s.Node("amount") is { } amount && YamlSection.IsNull(amount))
            s.Report("amount", "transactions need an amount: give amount, or quantity and unit_price");
        return columns;
    }

    // A single string or a list; null and [] both mean ISO 8601.
    private static IReadOnlyList<string> TimestampFormats(YamlSection s)
    {
        var formats = s.NullableStringList("timestamp_format", null, scalarAllowed: true) ?? [];
        var sample = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Unspecified);
        foreach (var format in formats)
        {
            try
            {
                _ = sample.ToString(format, CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                s.Report("timestamp_format", $"expected a .NET date/time format such as \"yyyy-MM-dd\" or \"M/d/yyyy H:mm\"; found '{format}'");
            }
        }
        return formats;
    }

    private static string Delimiter(YamlSection s, string @default)
    {
        const string expected = "expected a single character, \"\\t\" (or tab), or whitespace";
        var node = s.Node("delimiter");
        if (node is null)
            return @default;
        if (node is not YamlScalarNode { Value: { } text } || YamlSection.IsNull(node))
        {
            s.Report("delimiter", node, $"{expected}; found {YamlSection.Describe(node)}");
            return @default;
        }
        switch (text)
        {
            // "\t" in double quotes is the tab itself; unquoted or single-quoted it is backslash-t.
            case "tab" or "\\t": return "\t";
            case DataSettings.WhitespaceDelimiter: return text;
            case ['"' or '\r' or '\n']:
                s.Report("delimiter", node, $"{expected}; found a quote or line break, which cannot separate fields");
                return @default;
            case [_]: return text;
            default:
                s.Report("delimiter", node, $"{expected}; found '{text}'");
                return @default;
        }
    }
}
