using System.Net.Sockets;
using Npgsql;

namespace ClvML.Data.Postgres;

/// <summary>
/// Turns Npgsql's exceptions into <see cref="InputException"/>s (exit code 2) that say where and what:
/// the server (never the password), the query when one was running, and the server's own message with
/// its SQLSTATE, e.g. <c>42P01: relation "orders" does not exist</c>.
/// </summary>
internal static class PostgresFailure
{
    /// <summary>Whether <paramref name="e"/> is a database problem the user can fix, rather than a bug.</summary>
    public static bool IsDatabaseProblem(Exception e) => e is NpgsqlException or TimeoutException;

    /// <summary>The message for a failed connection attempt.</summary>
    public static InputException Connecting(PostgresConnectionSettings server, string context, Exception e)
    {
        var detail = e switch
        {
            PostgresException { SqlState: "28P01" } p => $"{p.MessageText} (28P01: wrong password, or no such user)",
            PostgresException { SqlState: "3D000" } p => $"{p.MessageText} (3D000: no such database)",
            PostgresException p => $"{p.MessageText} ({p.SqlState})",
            NpgsqlException { InnerException: SocketException s } => $"connection refused or unreachable ({s.SocketErrorCode}): is the server running and listening there?",
            _ => e.Message,
        };
        detail = server.Redact(detail).TrimEnd('.');
        return new InputException($"{context}: cannot connect to {server.Description}: {detail}{(detail.EndsWith('?') ? "" : ".")}", e);
    }

    /// <summary>The message for a statement that failed on a connected server.</summary>
    public static InputException Running(PostgresConnectionSettings server, string context, string sql, Exception e)
    {
        var detail = e is PostgresException p ? $"{p.MessageText} ({p.SqlState}{(p.Position > 0 ? $", at character {p.Position}" : "")})" : e.Message;
        return new InputException($"{context}: {server.Description}: {server.Redact(detail).TrimEnd('.')} (query: {SqlText.Shorten(sql)}).", e);
    }
}
