using System.CommandLine;
using NA64.Reco.Cli.Options;
using System.Globalization;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Cli.Commands;

/// <summary>
/// <c>na64 limit</c>: prints N_up, the upper limit on the signal events at the given CL, as one number (three decimals)
/// so that scripts can read it. Values are parsed here rather than by the parser so that every bad argument ends as
/// one line on stderr and exit code 2.
/// </summary>
public static class LimitCommand
{
    private const string Verb = "limit";

    public static Command Create()
    {
        var observed = new Option<string>("--observed") { Description = "Observed events in the signal box (integer >= 0); required" };
        var background = new Option<string>("--background") { Description = "Expected background events (>= 0); this or --background-upper is required" };
        var backgroundUnc = new Option<string>("--background-unc") { Description = "Absolute (Gaussian) uncertainty of --background; default 0" };
        var backgroundUpper = new Option<string>("--background-upper")
        {
            Description = "Only an upper bound on the background: b in [0, B], the most conservative limit over it is printed (instead of --background/--background-unc)",
        };
        var signalUnc = new Option<string>("--signal-unc") { Description = "Relative signal-scale uncertainty (yield, efficiency, EOT in quadrature), e.g. 0.1", DefaultValueFactory = _ => "0" };
        var method = new Option<string>("--method") { Description = "cls | fc | classical", DefaultValueFactory = _ => "cls" };
        var cl = new Option<string>("--cl") { Description = "Confidence level", DefaultValueFactory = _ => "0.9" };
        var command = new Command(Verb, "Print the upper limit N_up on the signal events (CLs by default, Feldman-Cousins or classical)")
        {
            observed, background, backgroundUnc, backgroundUpper, signalUnc, method, cl,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                if (parse.UnmatchedTokens.Count > 0) return Fail(error, $"unexpected argument '{parse.UnmatchedTokens[0]}'");
                var n = ParseCount(parse.GetValue(observed), "--observed");
                var b = ParseBackground(parse.GetValue(background), parse.GetValue(backgroundUnc), parse.GetValue(backgroundUpper));
                var limitMethod = ParseMethod(parse.GetValue(method));
                var nUp = PoissonLimits.UpperLimit(limitMethod, n, b, ParseNumber(parse.GetValue(signalUnc), "--signal-unc"), ParseNumber(parse.GetValue(cl), "--cl"));
                parse.InvocationConfiguration.Output.WriteLine(nUp.ToString("F3", CultureInfo.InvariantCulture));
                return 0;
            }
            catch (ArgumentException e)
            {
                return Fail(error, Describe(e));
            }
        });
        return command;
    }

    /// <summary>An estimate (--background, optionally --background-unc) or a bound (--background-upper), never both.</summary>
    private static BackgroundInput ParseBackground(string? background, string? uncertainty, string? upper)
    {
        if (upper is not null)
        {
            if (background is not null || uncertainty is not null)
                throw new ArgumentException("--background-upper is a bound on the background and cannot be combined with --background or --background-unc");
            return BackgroundInput.UpperBound(ParseNumber(upper, "--background-upper"));
        }
        if (background is null) throw new ArgumentException("--background or --background-upper is required");
        return BackgroundInput.Estimate(ParseNumber(background, "--background"), uncertainty is null ? 0 : ParseNumber(uncertainty, "--background-unc"));
    }

    private static int ParseCount(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException($"{name} is required");
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw new ArgumentException($"{name} must be an integer >= 0, got '{text}'");
        return n;
    }

    private static double ParseNumber(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException($"{name} is required");
        return NumberArgument.Parse(text, name);
    }

    private static LimitMethod ParseMethod(string? text) => text?.ToLowerInvariant() switch
    {
        "cls" => LimitMethod.Cls,
        "fc" or "feldman-cousins" => LimitMethod.FeldmanCousins,
        "classical" => LimitMethod.Classical,
        _ => throw new ArgumentException($"--method must be cls, fc or classical, got '{text}'"),
    };

    /// <summary>The library's range errors name its parameters; say which option that is.</summary>
    private static string Describe(ArgumentException e)
    {
        var option = e.ParamName switch
        {
            "observed" => "--observed",
            "background" or "expected" => "--background",
            "backgroundUncertainty" or "uncertainty" => "--background-unc",
            "upper" => "--background-upper",
            "signalRelativeUncertainty" => "--signal-unc",
            "cl" => "--cl",
            _ => null,
        };
        var message = e.Message.Split('\n')[0].Split(" (Parameter '", 2)[0].TrimEnd();
        if (e is ArgumentOutOfRangeException { ActualValue: { } actual }) message += $", got {Convert.ToString(actual, CultureInfo.InvariantCulture)}";
        return option is null ? message : $"{option}: {message}";
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"na64 {Verb}: {message}");
        return 2;
    }
}
