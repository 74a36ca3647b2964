using System.Security.Cryptography;

namespace NA64.Reco.CommandHost;

/// <summary>
/// The shared secret of a command host: a token file's content, trimmed. A node configured with none makes one at its
/// first start (256 random bits, hex, mode 0600) in its state folder, where the clients of the same user find it.
/// </summary>
public static class CommandToken
{
    /// <summary>The folder of a node's own state (its generated token); default <c>$XDG_STATE_HOME/na64</c>, else <c>~/.local/state/na64</c>.</summary>
    public const string StateDirectoryVariable = "NA64_STATE_DIR";

    public const string FileName = "cmd.token";

    /// <summary>Where a node without a configured token file keeps the one it generates, and where clients look for it.</summary>
    public static string DefaultFile() => Path.Combine(StateDirectory(), FileName);

    public static string StateDirectory()
    {
        if (NonEmpty(Environment.GetEnvironmentVariable(StateDirectoryVariable)) is { } configured) return Path.GetFullPath(configured);
        if (NonEmpty(Environment.GetEnvironmentVariable("XDG_STATE_HOME")) is { } xdg) return Path.Combine(Path.GetFullPath(xdg), "na64");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length == 0) home = Path.GetTempPath();
        return Path.Combine(home, ".local", "state", "na64");
    }

    /// <summary>The token of <paramref name="file"/>; throws <see cref="InvalidOperationException"/> when it is empty or holds white space.</summary>
    public static string Read(string file)
    {
        var token = File.ReadAllText(file).Trim();
        if (token.Length == 0 || token.Any(char.IsWhiteSpace))
            throw new InvalidOperationException($"command host: the token file {file} is empty or holds white space inside the token");
        return token;
    }

    /// <summary>
    /// The token of <paramref name="file"/>, made first when the file does not exist: written to a private temporary
    /// file and linked into place without replacing, so that two nodes starting at once end up with one token.
    /// </summary>
    public static string LoadOrCreate(string file)
    {
        if (File.Exists(file)) return Read(file);
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var temporary = Path.Combine(folder, $".{FileName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
                writer.WriteLine(Generate());
            try
            {
                File.Move(temporary, file, overwrite: false);
            }
            catch (IOException) when (File.Exists(file))
            {
                // Another node made it first: its token is the one.
            }
        }
        finally
        {
            File.Delete(temporary);
        }
        return Read(file);
    }

    /// <summary>256 random bits in hex.</summary>
    public static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
