using ClvML.Data.Tables;

namespace ClvML.Features;

/// <summary>The feature table as typed columns for the Parquet, SQLite and PostgreSQL writers, with <see cref="FeatureSchema"/>'s names, types and order.</summary>
public static class FeatureColumnTable
{
    /// <summary>The <c>features</c> table: counts and days as integers, dates as dates, the rest as doubles.</summary>
    public static ColumnTable From(CustomerFeatureTable table, string name = "features") =>
        new(name, [.. FeatureSchema.ColumnsOf(table).Select(c => Column(c, table))]);

    private static TableColumn Column(FeatureColumn column, CustomerFeatureTable table) => column.Type switch
    {
        FeatureValueType.Text => TableColumn.OfText(column.Name, column.Role == FeatureRole.Key ? table.CustomerIds : (string[])column.ValuesIn(table)!),
        FeatureValueType.Real => TableColumn.OfReals(column.Name, (double[])column.ValuesIn(table)!),
        FeatureValueType.Integer => TableColumn.OfIntegers(column.Name, Array.ConvertAll((int[])column.ValuesIn(table)!, v => (long)v)),
        FeatureValueType.Date => TableColumn.OfDates(column.Name, (DateOnly[])column.ValuesIn(table)!),
        _ => throw new InvalidOperationException($"Unknown value type {column.Type} of feature column '{column.Name}'."),
    };
}
