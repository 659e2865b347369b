using ClvML.Configuration;
using ClvML.Data.Parquet;
using ClvML.Data.Parquet.Writing;
using ClvML.Data.Tables;
using ClvML.Data;
using ClvML.Features;
using ClvML.Tests.Data.ParquetWriting;
using ClvML.Training;

namespace ClvML.Tests.Data.RoundTrip;

/// <summary>
/// The round trips through ClvML's own Parquet writer and reader: a feature table written and
/// read back is the in-memory table, and transactions converted CSV -> Parquet give the features the
/// CSV gives. (The SQLite and PostgreSQL round trips are in Data/Sqlite and Data/Postgres.)
/// </summary>
public sealed class ParquetRoundTripTests
{
    [Fact]
    public void Features_written_to_parquet_read_back_identical_across_row_groups()
    {
        using var folder = new TemporaryFolder();
        var config = TrainConfigLoader.Parse("""
            data:
              source: sample
              sample:
                customers: 3000
              columns:
                order_id: order_id
                attributes: [channel, country]
            features:
              time_unit: week
              purchase_period: day
              holdout: 26
            """, "train.yaml");
        var built = FeatureJob.Build(config, folder.Path, folder.File("rejects.csv"), out _);
        var table = FeatureColumnTable.From(built.Table);
        Assert.Contains(table.Columns, c => c.Kind == TableColumnKind.Date);
        Assert.Contains(table.Columns, c => c.Kind == TableColumnKind.Integer);
        var path = folder.File("features.parquet");
        ParquetTableWriter.Write(table, path, new ParquetWriterOptions { RowGroupRows = 700 });
        var read = ParquetFileReader.ReadTable(path);
        Assert.Equal("features", read.Name);
        ColumnTableAssert.Identical(table, read);
    }

    [Fact]
    public void Online_retail_converted_csv_to_parquet_gives_the_features_of_the_csv()
    {
        using var folder = new TemporaryFolder();
        var csvConfig = TrainConfigLoader.Parse(SharedData.OnlineRetailYaml(), "train.yaml");
        var fromCsv = FeatureJob.Build(csvConfig, folder.Path, folder.File("csv.rejects.csv"), out _);

        // CSV -> Parquet: accepted rows as typed columns (amount = Quantity x UnitPrice, InvoiceDate a timestamp).
        var converted = ConvertJob.Read(csvConfig, folder.Path, folder.File("tx.rejects.csv"));
        Assert.Equal(converted.Rejects.RowsRead, converted.Rejects.Accepted + converted.Rejects.Rejected);
        Assert.Equal(541_909, converted.Rejects.RowsRead); // the UCI data set's row count
        Assert.Equal(converted.Rejects.Accepted, converted.Table.RowCount);
        var parquet = folder.File("online_retail.parquet");
        ParquetTableWriter.Write(converted.Table, parquet);

        var parquetConfig = csvConfig with
        {
            Data = csvConfig.Data with
            {
                Source = DataSourceKind.Parquet,
                Path = parquet,
                Columns = csvConfig.Data.Columns with { Amount = "amount", Quantity = null, UnitPrice = null },
            },
        };
        var fromParquet = FeatureJob.Build(parquetConfig, folder.Path, folder.File("parquet.rejects.csv"), out _);

        Assert.Equal(fromCsv.Table.Count, fromParquet.Table.Count);
        ColumnTableAssert.Identical(FeatureColumnTable.From(fromCsv.Table), FeatureColumnTable.From(fromParquet.Table));
        // The rows the CSV reader rejected never reached the Parquet file; the rest of the CSV run's
        // rejects (returns before a first purchase, ...) come from the feature stage, and recur exactly.
        Assert.Equal(fromCsv.Rejects.Rejected - converted.Rejects.Rejected, fromParquet.Rejects.Rejected);
    }
}
