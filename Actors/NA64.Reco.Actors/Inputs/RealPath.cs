namespace NA64.Reco.Actors.Inputs;

/// <summary>
/// A path with every symbolic link along it followed and '.' and '..' taken away: where it really leads, which is
/// what a confinement check must look at (a link inside a data root may point anywhere).
/// </summary>
public static class RealPath
{
    /// <summary>Links followed at most, as the kernel's own bound, so that a loop of links ends.</summary>
    private const int MaxLinks = 40;

    /// <summary>
    /// The real path of <paramref name="path"/> (made absolute against the current folder). Parts that do not exist are
    /// kept as written, so a missing file resolves to where it would be.
    /// </summary>
    public static string Of(string path)
    {
        var pending = new Stack<string>();
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        Push(pending, full[root.Length..]);
        var current = root;
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..")
            {
                // current never holds a link: its parent is the real parent.
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }
            var next = Path.Combine(current, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                target = null;
            }
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks) throw new IOException($"'{path}': too many levels of symbolic links");
            if (Path.IsPathRooted(target))
            {
                var targetRoot = Path.GetPathRoot(target)!;
                current = targetRoot;
                Push(pending, target[targetRoot.Length..]);
            }
            else
            {
                Push(pending, target);
            }
        }
        return current;
    }

    /// <summary>Pushes the parts of a relative path so that the first is popped first.</summary>
    private static void Push(Stack<string> pending, string relative)
    {
        var parts = relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--) pending.Push(parts[i]);
    }
}
