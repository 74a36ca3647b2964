using System.Diagnostics;

namespace NA64.Reco.Tests.Shared;

/// <summary>Headless Chromium as a test's browser: the DOM it builds from a page, and a screenshot of it.</summary>
internal static class Chromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    public static string? Find() => Candidates.FirstOrDefault(File.Exists);

    private static string Binary => Find() ?? throw new InvalidOperationException(
        "chromium not found" + (ContinuousIntegration.Required ? " (CI=true: .ci/run must install the chromium package)" : ""));

    /// <summary>The DOM after the page loaded, serialised (<c>--dump-dom</c>).</summary>
    public static async Task<string> DumpDom(string page, string profile) =>
        (await Run(profile, "--dump-dom", new Uri(page).AbsoluteUri)).Output;

    /// <summary>A PNG screenshot of the page in a window of the given size.</summary>
    public static async Task Screenshot(string page, string png, int width, int height, string profile) =>
        await Run(profile, $"--screenshot={png}", $"--window-size={width},{height}", new Uri(page).AbsoluteUri);

    private static async Task<(string Output, string Error)> Run(string profile, params string[] args)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Root in a container has no user namespace for the sandbox; the page is the test's own file.
        foreach (var a in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage", $"--user-data-dir={profile}" })
            start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start chromium");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium {string.Join(' ', args)} did not finish within 2 minutes: {await stderr}");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"chromium exited {process.ExitCode}: {await stderr}");
        return (await stdout, await stderr);
    }
}
