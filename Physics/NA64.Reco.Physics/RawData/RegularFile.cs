using System.Runtime.InteropServices;

namespace NA64.Reco.Physics.RawData;

/// <summary>
/// Whether a path is a regular file (after symbolic links): a FIFO, socket or device named <c>*.na64raw</c> must be
/// skipped, not opened, because opening a FIFO blocks until a writer appears. .NET reports every such node as a plain
/// file, so the type comes from Linux's <c>statx(2)</c>, whose structure is the same on every architecture.
/// </summary>
public static class RegularFile
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28; // struct statx: stx_mask, stx_blksize, stx_attributes, stx_nlink, stx_uid, stx_gid, then stx_mode (u16)
    private const int TypeMask = 0xF000;
    private const int Regular = 0x8000;

    /// <summary>True for a regular file, false for anything else or a missing path; true where <c>statx</c> is absent (not Linux).</summary>
    public static bool Is(string path)
    {
        if (!OperatingSystem.IsLinux()) return File.Exists(path);
        var buffer = new byte[256];
        try
        {
            if (statx(AtFdCwd, path, 0, StatxType, buffer) != 0) return false;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return File.Exists(path);
        }
        return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) == Regular;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
