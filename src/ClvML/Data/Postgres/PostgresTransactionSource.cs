using ClvML.Data.Records;
using Npgsql;

namespace ClvML.Data.Postgres;

/// <summary>
/// <c>data.source: postgres</c>: the rows of <c>data.query</c>, streamed from the server row by row
/// (Npgsql's reader holds one row at a time, not the result), through the same mapping, validation
/// and rejects as a CSV file. <c>${VAR}</c> references in <c>data.connection_string</c> are expanded
/// when connecting, so the config and the run manifest never hold the password. A query result has
/// no file bytes to fingerprint, so <see cref="ContentSha256"/> stays null.
/// </summary>
public sealed class PostgresTransactionSource : ITransactionSource
{
    private readonly PostgresConnectionSettings _server;
    private readonly string _query;
    private readonly DataSettings _settings;

    /// <summary>Creates the source; the connection string's <c>${VAR}</c> references are expanded here, just before the first connection.</summary>
    /// <exception cref="InputException">A referenced environment variable is unset, or the string is malformed (data.connection_string).</exception>
    public PostgresTransactionSource(string connectionString, string query, DataSettings settings)
    {
        _server = PostgresConnectionSettings.Parse(connectionString, "data.connection_string");
        _query = query;
        _settings = settings;
    }

    /// <inheritdoc />
    public string Name => _server.Description;

    /// <inheritdoc />
    public string? ContentSha256 => null;

    /// <inheritdoc />
    /// <exception cref="InputException">A missing environment variable, a refused connection, a wrong password, bad SQL or a missing table, with the server's message.</exception>
    public void ReadInto(ITransactionSink sink, RejectLog rejects)
    {
        var server = _server;
        using var connection = new NpgsqlConnection(server.ConnectionString);
        try
        {
            connection.Open();
        }
        catch (Exception e) when (PostgresFailure.IsDatabaseProblem(e))
        {
            throw PostgresFailure.Connecting(server, "data.source postgres", e);
        }
        // No time limit: a large query may legitimately stream for a long while.
        using var command = new NpgsqlCommand(_query, connection) { CommandTimeout = 0 };
        try
        {
            using var reader = command.ExecuteReader();
            new RecordTransactionReader(_settings).Read(new PostgresRecordCursor(reader), server.Description, sink, rejects);
        }
        catch (Exception e) when (PostgresFailure.IsDatabaseProblem(e))
        {
            throw PostgresFailure.Running(server, "data.query", _query, e);
        }
    }
}
