using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Node.Cli;

/// <summary>Turns the errors a user can cause (bad conditions, unreadable files) into one clear line and exit code 2.</summary>
public static class CliErrors
{
    public static int Guard(string verb, TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (IsUserError(e))
        {
            error.WriteLine($"na64 {verb}: {e.Message}");
            return 2;
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.All(IsUserError))
        {
            foreach (var inner in e.Flatten().InnerExceptions) error.WriteLine($"na64 {verb}: {inner.Message}");
            return 2;
        }
    }

    private static bool IsUserError(Exception e) =>
        e is ConditionsException or RawFormatException or IOException or UnauthorizedAccessException;
}
