namespace NA64.Reco.Bench;

/// <summary>Peak resident set size of a process (Linux VmHWM), resettable so that one process can measure several runs.</summary>
public static class PeakMemory
{
    /// <summary>Resets VmHWM to the current RSS (Linux ≥ 4.0: write "5" to /proc/self/clear_refs); false if not possible.</summary>
    public static bool TryReset() => TryReset("self");

    /// <summary>Resets VmHWM of process <paramref name="pid"/> (a child of the same user); false if not possible.</summary>
    public static bool TryReset(int pid) => TryReset(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static bool TryReset(string proc)
    {
        try
        {
            File.WriteAllText($"/proc/{proc}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Peak RSS in bytes since start or the last reset (VmHWM), or the runtime's peak working set elsewhere.</summary>
    public static long PeakBytes()
    {
        using var p = System.Diagnostics.Process.GetCurrentProcess();
        return PeakBytes(p);
    }

    /// <summary>Peak RSS in bytes of <paramref name="process"/> (VmHWM), or the runtime's peak working set where /proc has none.</summary>
    public static long PeakBytes(System.Diagnostics.Process process)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) return ParseKb(line) * 1024;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        process.Refresh();
        return process.PeakWorkingSet64;
    }

    /// <summary>The kB value of a /proc status line such as "VmHWM:   123456 kB".</summary>
    public static long ParseKb(string line)
    {
        var colon = line.IndexOf(':');
        var rest = line[(colon + 1)..].Trim();
        var space = rest.IndexOf(' ');
        return long.Parse(space < 0 ? rest : rest[..space], System.Globalization.CultureInfo.InvariantCulture);
    }
}
