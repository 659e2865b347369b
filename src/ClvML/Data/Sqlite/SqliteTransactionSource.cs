using System.Security.Cryptography;
using ClvML.Data.Records;
using Microsoft.Data.Sqlite;

namespace ClvML.Data.Sqlite;

/// <summary>
/// <c>data.source: sqlite</c>: the rows of <c>data.query</c> run against the database file at
/// <c>data.path</c>, opened read-only, through the same mapping, validation and rejects as a CSV file.
/// The fingerprint is the SHA-256 of the database file.
/// </summary>
public sealed class SqliteTransactionSource(string path, string query, DataSettings settings) : ITransactionSource
{
    /// <inheritdoc />
    public string Name => path;

    /// <inheritdoc />
    public string? ContentSha256 { get; private set; }

    /// <inheritdoc />
    /// <exception cref="InputException">The file is missing or not a database, or the query fails (bad SQL, a missing table), with SQLite's message.</exception>
    public void ReadInto(ITransactionSink sink, RejectLog rejects)
    {
        // Without the check, read-only mode reports only "unable to open database file".
        if (!File.Exists(path)) throw new InputException($"{path}: database file not found (data.path of data.source sqlite).");
        using (var connection = Open(path, SqliteOpenMode.ReadOnly))
        {
            using var command = connection.CreateCommand();
            command.CommandText = query;
            SqliteDataReader reader;
            try
            {
                reader = command.ExecuteReader();
            }
            catch (SqliteException e)
            {
                throw new InputException($"{path}: data.query failed: {e.Message.TrimEnd('.')} (query: {SqlText.Shorten(query)}).", e);
            }
            using (reader)
            {
                try
                {
                    new RecordTransactionReader(settings).Read(new SqliteRecordCursor(reader), path, sink, rejects);
                }
                catch (SqliteException e)
                {
                    // A fault while stepping (a corrupt page, a runtime error such as a failing cast in the query).
                    throw new InputException($"{path}: reading the rows of data.query failed: {e.Message.TrimEnd('.')} (query: {SqlText.Shorten(query)}).", e);
                }
            }
        }
        using var file = File.OpenRead(path);
        ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(file));
    }

    /// <summary>Opens <paramref name="path"/> unpooled, so no handle outlives the job (a later write or delete of the file is not blocked).</summary>
    internal static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new InputException($"{path}: cannot open the SQLite database: {e.Message.TrimEnd('.')}.", e);
        }
    }
}
