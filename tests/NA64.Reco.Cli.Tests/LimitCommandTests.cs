using System.CommandLine;
using System.Globalization;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Cli.Tests;

public sealed class LimitCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args) => CliRunner.Run(["limit", .. args]);

    [Theory]
    [InlineData("0")]
    [InlineData("0.5")]
    [InlineData("3")]
    public void Cls_limit_for_zero_events_is_2_303_whatever_the_background(string background)
    {
        var (code, output, error) = Run("--observed", "0", "--background", background);
        Assert.Equal(0, code);
        Assert.Equal("2.303" + Environment.NewLine, output);
        Assert.Empty(error);
    }

    [Fact]
    public void Methods_print_the_library_value()
    {
        Assert.Equal("3.890", Run("--observed", "1", "--background", "0", "--method", "classical").Output.Trim());
        Assert.Equal("4.357", Run("--observed", "1", "--background", "0", "--method", "fc").Output.Trim());
        var withSystematics = Run("--observed", "2", "--background", "1", "--background-unc", "0.5", "--signal-unc", "0.1");
        Assert.Equal(PoissonLimits.Cls(2, 1, 0.5, 0.1).ToString("F3", CultureInfo.InvariantCulture), withSystematics.Output.Trim());
    }

    [Fact]
    public void A_background_bound_prints_the_conservative_limit_over_the_interval()
    {
        // Classical and FC limits at n = 0 are largest at b = 0: the background-free values of the tables.
        Assert.Equal("2.303", Run("--observed", "0", "--background-upper", "1.148", "--method", "classical").Output.Trim());
        Assert.Equal("2.436", Run("--observed", "0", "--background-upper", "1.148", "--method", "fc").Output.Trim());
        // The same bound taken as a Gaussian width would give ln(10 e^{σ²/2} erfc(σ/√2)) = 1.5791 for σ = 1.148.
        Assert.Equal("1.579", Run("--observed", "0", "--background", "0", "--background-unc", "1.148", "--method", "classical").Output.Trim());
        var (code, output, error) = Run("--observed", "2", "--background-upper", "1", "--signal-unc", "0.1");
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Equal(PoissonLimits.UpperLimitForBound(LimitMethod.Cls, 2, 1, 0.1).ToString("F3", CultureInfo.InvariantCulture), output.Trim());
    }

    [Theory]
    [InlineData("--observed 0 --background 1 --background-upper 2", "--background-upper is a bound on the background and cannot be combined with --background or --background-unc")]
    [InlineData("--observed 0 --background-unc 0.5 --background-upper 2", "cannot be combined with --background or --background-unc")]
    [InlineData("--observed 0", "--background or --background-upper is required")]
    [InlineData("--observed 0 --background-upper -1", "--background-upper: background upper bound must be finite and >= 0, got -1")]
    [InlineData("--observed 0 --background-upper x", "--background-upper must be a number, got 'x'")]
    [InlineData("--observed x --background 1", "--observed must be an integer")]
    [InlineData("--background 1", "--observed is required")]
    [InlineData("--observed 1 --background -1", "--background")]
    [InlineData("--observed 1 --background 1 --method foo", "--method must be cls, fc or classical")]
    [InlineData("--observed 1 --background 1 --cl 1.5", "--cl")]
    [InlineData("--observed 1 --background 1 --bogus", "unexpected argument '--bogus'")]
    public void Bad_arguments_give_one_line_and_exit_2(string args, string message)
    {
        var (code, output, error) = Run(args.Split(' '));
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("na64 limit: ", error);
        Assert.Contains(message, error);
        Assert.Single(error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
