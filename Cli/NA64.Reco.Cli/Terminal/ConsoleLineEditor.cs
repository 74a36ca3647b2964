using System.Text;

namespace NA64.Reco.Cli.Terminal;

/// <summary>
/// A small line editor for the interactive <c>na64 cmd</c> prompt: cursor keys, Home/End, Backspace/Delete, history on
/// Up/Down, Tab completion of command names (a unique match completes, several complete their common prefix and a
/// second Tab lists them). Terminal only; piped input is read line by line elsewhere.
/// </summary>
internal sealed class ConsoleLineEditor(IReadOnlyList<string> names)
{
    private readonly List<string> _history = [];

    /// <summary>The line entered; null on Ctrl+D with an empty line (end of session).</summary>
    public string? ReadLine(string prompt)
    {
        var buffer = new StringBuilder();
        var cursor = 0;
        var historyIndex = _history.Count;
        var lastWasTab = false;
        Console.Write(prompt);
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            var tab = key.Key == ConsoleKey.Tab;
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    var line = buffer.ToString();
                    if (line.Trim().Length > 0 && (_history.Count == 0 || _history[^1] != line)) _history.Add(line);
                    return line;
                case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control):
                    if (buffer.Length == 0)
                    {
                        Console.WriteLine();
                        return null;
                    }
                    break;
                case ConsoleKey.Backspace when cursor > 0:
                    buffer.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < buffer.Length:
                    buffer.Remove(cursor, 1);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0:
                    cursor--;
                    break;
                case ConsoleKey.RightArrow when cursor < buffer.Length:
                    cursor++;
                    break;
                case ConsoleKey.Home:
                    cursor = 0;
                    break;
                case ConsoleKey.End:
                    cursor = buffer.Length;
                    break;
                case ConsoleKey.UpArrow when historyIndex > 0:
                    Replace(buffer, _history[--historyIndex], ref cursor);
                    break;
                case ConsoleKey.DownArrow when historyIndex < _history.Count:
                    historyIndex++;
                    Replace(buffer, historyIndex == _history.Count ? "" : _history[historyIndex], ref cursor);
                    break;
                case ConsoleKey.Tab:
                    Complete(prompt, buffer, ref cursor, lastWasTab);
                    break;
                default:
                    if (!char.IsControl(key.KeyChar)) buffer.Insert(cursor++, key.KeyChar);
                    break;
            }
            lastWasTab = tab;
            Redraw(prompt, buffer, cursor);
        }
    }

    private void Complete(string prompt, StringBuilder buffer, ref int cursor, bool listAll)
    {
        var prefix = buffer.ToString(0, cursor).TrimStart();
        var matches = Completion.Candidates(names, prefix);
        if (matches.Count == 0) return;
        var common = Completion.CommonPrefix(matches);
        if (matches.Count == 1) common += " ";
        if (common.Length > prefix.Length)
        {
            buffer.Remove(0, cursor).Insert(0, common);
            cursor = common.Length;
        }
        else if (listAll && matches.Count > 1)
        {
            Console.WriteLine();
            Console.WriteLine(string.Join("   ", matches));
            Console.Write(prompt);
        }
    }

    private static void Replace(StringBuilder buffer, string text, ref int cursor)
    {
        buffer.Clear().Append(text);
        cursor = text.Length;
    }

    private static void Redraw(string prompt, StringBuilder buffer, int cursor)
    {
        // Carriage return, prompt and text, clear to the end of the line, then put the cursor back.
        Console.Write("\r" + prompt + buffer + "\u001b[K");
        var back = buffer.Length - cursor;
        if (back > 0) Console.Write($"\u001b[{back}D");
    }
}
