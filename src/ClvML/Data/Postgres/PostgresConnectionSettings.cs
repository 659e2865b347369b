using System.Text.RegularExpressions;
using Npgsql;

namespace ClvML.Data.Postgres;

/// <summary>
/// A PostgreSQL connection string with its <c>${VAR}</c> references expanded from the environment,
/// and a description of where it points (user@host:port/database) that is safe to print: messages
/// never show the string itself, which may hold a password.
/// </summary>
public sealed partial class PostgresConnectionSettings
{
    private PostgresConnectionSettings(string connectionString, string description)
    {
        ConnectionString = connectionString;
        Description = description;
    }

    /// <summary>The expanded connection string, for Npgsql only.</summary>
    public string ConnectionString { get; }

    /// <summary><c>postgres://user@host:port/database</c>, without the password.</summary>
    public string Description { get; }

    /// <summary>The environment variable <c>clvml score/features --output postgres:TABLE</c> reads when no <c>--connection</c> is given.</summary>
    public const string EnvironmentVariable = "CLVML_POSTGRES";

    /// <summary>Expands and checks <paramref name="text"/>; <paramref name="key"/> (a YAML key or CLI option) is named in errors.</summary>
    /// <exception cref="InputException">A referenced variable is unset, or the string is malformed (its text is not repeated: it may hold a password).</exception>
    public static PostgresConnectionSettings Parse(string text, string key)
    {
        var missing = new List<string>();
        var expanded = Reference().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            var value = Environment.GetEnvironmentVariable(name);
            if (value is null) missing.Add(name);
            return value ?? "";
        });
        if (missing.Count > 0)
            throw new InputException($"{key}: environment variable{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(n => "${" + n + "}"))} referenced by the connection string {(missing.Count > 1 ? "are" : "is")} not set; set {(missing.Count > 1 ? "them" : "it")} before running.");
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(expanded);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            // Npgsql's message may quote a key/value pair; only the kind of problem is kept.
            throw new InputException($"{key}: not a valid PostgreSQL connection string (expected key=value pairs such as Host=localhost;Port=5432;Database=shop;Username=clv;Password=${{PGPASSWORD}}): {Redact(e.Message, builderPassword: null)}.", e);
        }
        if (string.IsNullOrEmpty(builder.Host))
            throw new InputException($"{key}: the connection string names no Host.");
        var description = $"postgres://{builder.Username ?? Environment.UserName}@{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        return new PostgresConnectionSettings(expanded, description);
    }

    /// <summary>Removes a password from a message when one could appear in it.</summary>
    internal string Redact(string message) => Redact(message, new NpgsqlConnectionStringBuilder(ConnectionString).Password);

    private static string Redact(string message, string? builderPassword) =>
        !string.IsNullOrEmpty(builderPassword) ? message.Replace(builderPassword, "***") : PasswordPair().Replace(message, "$1=***");

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"(?i)(password|pwd)\s*=\s*[^;']*")]
    private static partial Regex PasswordPair();
}
