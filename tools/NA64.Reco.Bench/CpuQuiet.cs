using System.Diagnostics;

namespace NA64.Reco.Bench;

/// <summary>
/// Waits until processes are idle after a warm-up: the runtime compiles the hot methods at tier 1 on a background
/// thread after the warm-up has counted their calls, and on a loaded machine that compilation can still be running
/// when the measured campaign starts (measured: the same one-core campaign took 0.9 or 2.2 CPU-s depending on it).
/// </summary>
public static class CpuQuiet
{
    /// <summary>A window in which a process used less than this share of one CPU counts as idle.</summary>
    public const double IdleShare = 0.05;

    /// <summary>
    /// Polls the processes' CPU time in windows of <paramref name="window"/> until two windows in a row are idle for
    /// all of them, or <paramref name="timeout"/> passes; false on timeout (the measurement goes on, noisier).
    /// </summary>
    public static async Task<bool> WaitAsync(IReadOnlyList<Process> processes, TimeSpan window, TimeSpan timeout, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var before = Sample(processes);
        var quietWindows = 0;
        while (watch.Elapsed < timeout)
        {
            await Task.Delay(window, ct);
            var now = Sample(processes);
            var idle = true;
            for (var i = 0; i < now.Length; i++)
                if ((now[i] - before[i]).TotalSeconds > IdleShare * window.TotalSeconds) idle = false;
            before = now;
            quietWindows = idle ? quietWindows + 1 : 0;
            if (quietWindows >= 2) return true;
        }
        return false;
    }

    /// <summary>Total CPU time (user + system, all threads) of each process now.</summary>
    public static TimeSpan[] Sample(IReadOnlyList<Process> processes)
    {
        var t = new TimeSpan[processes.Count];
        for (var i = 0; i < t.Length; i++)
        {
            processes[i].Refresh();
            t[i] = processes[i].TotalProcessorTime;
        }
        return t;
    }
}
