using System.Text;
using System.Text.Json;

namespace NA64.Reco.CommandHost;

/// <summary>What a command answers: <c>ok</c> with tables and message lines, or <c>error</c> with one line.</summary>
public sealed class CommandReply
{
    private CommandReply(string? error, IReadOnlyList<TextTable> tables, IReadOnlyList<string> messages)
    {
        Error = error;
        Tables = tables;
        Messages = messages;
    }

    /// <summary>Null when the command succeeded.</summary>
    public string? Error { get; }
    public IReadOnlyList<TextTable> Tables { get; }
    public IReadOnlyList<string> Messages { get; }
    public bool IsOk => Error is null;

    /// <summary>
    /// For a streaming reply: writes lines (through the callback) until cancelled; the host then ends the reply.
    /// The bool tells whether the client asked for JSON.
    /// </summary>
    public Func<Func<string, Task>, bool, CancellationToken, Task>? Stream { get; private init; }

    /// <summary>A reply that goes on: <c>ok</c>, then lines as they come, until the client sends a line or leaves.</summary>
    public static CommandReply Streaming(Func<Func<string, Task>, bool, CancellationToken, Task> stream) => new(null, [], []) { Stream = stream };

    public static CommandReply Ok(params TextTable[] tables) => new(null, tables, []);
    public static CommandReply Ok(IReadOnlyList<TextTable> tables, params string[] messages) => new(null, tables, messages);
    public static CommandReply Message(params string[] lines) => new(null, [], lines);

    /// <summary>An error reply; line breaks are flattened because the protocol gives the error one line.</summary>
    public static CommandReply Fail(string message) => new(message.ReplaceLineEndings(" ").Trim(), [], []);

    /// <summary>The body lines: text (messages, then tables separated by blank lines) or one line of JSON.</summary>
    public IReadOnlyList<string> Body(bool json)
    {
        if (!IsOk) return [];
        if (!json)
        {
            var lines = new List<string>(Messages);
            foreach (var t in Tables)
            {
                if (lines.Count > 0) lines.Add("");
                t.WriteText(lines);
            }
            return lines;
        }
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            if (Tables.Count == 1 && Messages.Count == 0) Tables[0].WriteJson(w);
            else
            {
                w.WriteStartObject();
                if (Messages.Count > 0)
                {
                    w.WriteStartArray("messages");
                    foreach (var m in Messages) w.WriteStringValue(m);
                    w.WriteEndArray();
                }
                for (var i = 0; i < Tables.Count; i++)
                {
                    w.WritePropertyName(Tables[i].Title ?? "table" + i);
                    Tables[i].WriteJson(w);
                }
                w.WriteEndObject();
            }
        }
        return [Encoding.UTF8.GetString(stream.ToArray())];
    }
}
