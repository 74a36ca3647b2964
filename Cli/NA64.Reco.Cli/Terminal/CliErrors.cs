using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Cli.Terminal;

/// <summary>Turns the errors a user can cause (bad conditions, unreadable files) into one clear line and exit code 2.</summary>
public static class CliErrors
{
    /// <param name="verb">The verb of <c>na64</c> the line names.</param>
    public static int Guard(string verb, TextWriter error, Func<int> action) => GuardProgram("na64 " + verb, error, action);

    /// <param name="program">What the line starts with, e.g. <c>na64-bench</c>.</param>
    public static int GuardProgram(string program, TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (IsUserError(e))
        {
            error.WriteLine($"{program}: {e.Message}");
            return 2;
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.All(IsUserError))
        {
            foreach (var inner in e.Flatten().InnerExceptions) error.WriteLine($"{program}: {inner.Message}");
            return 2;
        }
    }

    private static bool IsUserError(Exception e) =>
        e is ConditionsException or RawFormatException or IOException or UnauthorizedAccessException;
}
