using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NA64.Reco.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL server for the tests: initdb into a temporary folder, started on 127.0.0.1 on a
/// free port with trust authentication, deleted at the end. Uses the Debian binaries
/// (/usr/lib/postgresql/N/bin; <c>.ci/run</c> installs them). PostgreSQL refuses to run as root: as root,
/// every command runs as the <c>postgres</c> user through <c>runuser</c>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _dataDir;

    public int Port { get; private set; }

    /// <summary>The <c>--db</c> URL of the server's default database.</summary>
    public string Url => $"postgres://postgres@127.0.0.1:{Port}/postgres";

    /// <summary>The bin folder of the newest PostgreSQL installed, or null.</summary>
    public static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
            .FirstOrDefault();
    }


    private static string Bin => FindBinaries() ?? throw new InvalidOperationException(
        "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin" + (ContinuousIntegration.Required ? " (CI=true: .ci/run must install the postgresql package)" : ""));

    public async Task InitializeAsync()
    {
        var bin = Bin;
        _dataDir = Path.Combine(Path.GetTempPath(), $"na64-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dataDir);
        if (IsRoot) await Run("chown", ["postgres:postgres", _dataDir], asPostgres: false);
        Port = FreePort();
        await Run(Path.Combine(bin, "initdb"), ["-D", Path.Combine(_dataDir, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
        await StartAsync();
    }

    /// <summary>
    /// A new empty database of this server and its <c>--db</c> URL: a test whose campaign manager must not find the
    /// campaigns of another test (every manager journals under one persistence id) gets its own.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await Run(Path.Combine(Bin, "createdb"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", name]);
        return $"postgres://postgres@127.0.0.1:{Port}/{name}";
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public Task StartAsync() => Run(Path.Combine(Bin, "pg_ctl"),
    [
        "-D", Path.Combine(_dataDir!, "data"), "-l", Path.Combine(_dataDir!, "server.log"), "-w", "-t", "60",
        // Socket in our own folder (not /var/run/postgresql); no fsync: a test server need not survive a power cut.
        "-o", $"-p {Port} -k {_dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
        "start",
    ]);

    /// <summary>Starts the server unless it runs (a test that stopped it and failed before starting it again).</summary>
    public async Task StartIfStoppedAsync()
    {
        try
        {
            await Run(Path.Combine(Bin, "pg_ctl"), ["-D", Path.Combine(_dataDir!, "data"), "status"]);
        }
        catch (InvalidOperationException)
        {
            await StartAsync();
        }
    }

    /// <summary>Fast shutdown: open connections are cut, as when the database pod goes away.</summary>
    public Task StopAsync() => Run(Path.Combine(Bin, "pg_ctl"), ["-D", Path.Combine(_dataDir!, "data"), "-m", "fast", "-w", "-t", "60", "stop"]);

    public async Task DisposeAsync()
    {
        if (_dataDir is null) return;
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped (a failed test); delete the folder anyway.
        }
        Directory.Delete(_dataDir, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task Run(string file, string[] args, bool asPostgres = true)
    {
        var psi = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres && IsRoot)
        {
            psi.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--", file }) psi.ArgumentList.Add(a);
        }
        else
        {
            psi.FileName = file;
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} exited {p.ExitCode}: {await stderr}{await stdout}");
    }
}
