using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ClvML.Tests.Data.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster for one test class: initdb (as the postgres user, via runuser, with
/// scram-sha-256 so a wrong password is really refused) into a temp folder, pg_ctl start on a free
/// loopback port with a private socket folder, and stop + delete afterwards. Where the binaries or
/// root are missing, <see cref="Require"/> fails the test when CI is set and skips it otherwise.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    public const string User = "postgres";
    public const string Password = "clv-test-Pässword";
    private string? _folder;
    private string? _binaries;
    private string? _unavailable;

    public int Port { get; private set; }

    /// <summary>A connection string for the test database with the right password.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Database=postgres;Username={User};Password={Password};Pooling=false";

    /// <summary>The cluster, or a failed (CI) / skipped test saying why there is none.</summary>
    public PostgresCluster Require()
    {
        if (_unavailable is null) return this;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) Assert.Fail(_unavailable + "; CI is set, so this is a failure.");
        Assert.Skip(_unavailable);
        return this;
    }

    public async ValueTask InitializeAsync()
    {
        _binaries = FindBinaries();
        if (_binaries is null) { _unavailable = "PostgreSQL binaries (initdb, pg_ctl) not found in /usr/local/bin or /usr/lib/postgresql/*/bin"; return; }
        if (!Environment.IsPrivilegedProcess) { _unavailable = "the PostgreSQL tests run initdb as the postgres user through runuser, which needs root"; return; }
        if (!File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser") && !File.Exists("/usr/bin/runuser")) { _unavailable = "runuser not found"; return; }
        _folder = Path.Combine(Path.GetTempPath(), "clvml-pg-" + Guid.NewGuid().ToString("N"));
        try
        {
            await Start(_folder, _binaries);
        }
        catch
        {
            // xunit does not dispose a fixture whose initialisation threw: stop and delete here.
            await DisposeAsync();
            throw;
        }
    }

    private async Task Start(string folder, string binaries)
    {
        Directory.CreateDirectory(Path.Combine(folder, "socket"));
        await File.WriteAllTextAsync(Path.Combine(folder, "pwfile"), Password + "\n");
        Run("chown", "-R", "postgres:postgres", folder);
        Run("runuser", "-u", "postgres", "--", Path.Combine(binaries, "initdb"), "-D", Path.Combine(folder, "data"), "-U", User,
            "-A", "scram-sha-256", "--pwfile=" + Path.Combine(folder, "pwfile"), "-E", "UTF8", "--no-sync", "--no-instructions");
        Port = FreePort();
        Run("runuser", "-u", "postgres", "--", Path.Combine(binaries, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"),
            "-o", $"-p {Port} -k {Path.Combine(folder, "socket")} -c listen_addresses=127.0.0.1 -c fsync=off", "-w", "start");
    }

    public ValueTask DisposeAsync()
    {
        if (_folder is null) return ValueTask.CompletedTask;
        try
        {
            // Only a started server leaves postmaster.pid; stopping none would fail and hide the real error.
            if (File.Exists(Path.Combine(_folder, "data", "postmaster.pid")))
                Run("runuser", "-u", "postgres", "--", Path.Combine(_binaries!, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
            _folder = null;
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs SQL statements on the test database.</summary>
    public void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>The value of a scalar query; SQL NULL is null.</summary>
    public object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar() is var value && value is DBNull ? null : value;
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindBinaries()
    {
        if (File.Exists("/usr/local/bin/initdb") && File.Exists("/usr/local/bin/pg_ctl")) return "/usr/local/bin";
        if (!Directory.Exists("/usr/lib/postgresql")) return null;
        return Directory.GetDirectories("/usr/lib/postgresql").OrderDescending()
            .Select(d => Path.Combine(d, "bin")).FirstOrDefault(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")));
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error} {output.Result}");
    }
}
