using System.Diagnostics;

namespace NA64.Reco.Tests.Shared;

/// <summary>
/// A small tmpfs mounted for one test (Linux, root): a file system that fills up, or one mounted read-only, as the
/// disks of a real node do. Unmounted and deleted at the end.
/// </summary>
public sealed class MountedFolder : IDisposable
{
    private MountedFolder(string path) => Path = path;

    public string Path { get; }

    /// <param name="sizeKb">Size of the file system.</param>
    /// <param name="readOnly">Mounted read-only: nothing can be created in it.</param>
    public static MountedFolder Create(int sizeKb, bool readOnly = false)
    {
        var path = Directory.CreateTempSubdirectory("na64-mnt-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={sizeKb}k{(readOnly ? ",ro" : "")}", "tmpfs", path);
        return new MountedFolder(path);
    }

    /// <summary>Remounts it read-only (files written before stay readable).</summary>
    public void MakeReadOnly() => Run("mount", "-o", "remount,ro", Path);

    /// <summary>Whether this machine lets the tests mount a tmpfs (root on Linux, a kernel that allows it).</summary>
    public static bool Available { get; } = Probe();

    public void Dispose()
    {
        try
        {
            Run("umount", "-l", Path);
            Directory.Delete(Path);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            // A failing test may leave a file open; the lazy unmount detaches the file system anyway.
        }
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") return false;
        try
        {
            Create(64).Dispose();
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)}: exit {p.ExitCode}: {error.Trim()}");
    }
}
