using System.CommandLine;
using System.Globalization;
using NA64.Reco.Cli.Options;
using NA64.Reco.Cli.Terminal;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Results;

namespace NA64.Reco.Cli.Commands;

/// <summary>
/// <c>na64 visible-reach</c>: the visible mode's excluded (m, ε) region from the models alone for a visible-programme
/// setup (<see cref="VisibleReach"/>, docs/physics.md §8a, docs/setups.md): X emitted in the dump, decaying in the decay
/// region, through the setup's selection, and the ε band per mass where the signal reaches N_up; writes
/// visible-reach.csv, visible-cutflow.csv and visible-reach.png. Not a campaign: no background is in it.
/// </summary>
public static class VisibleReachCommand
{
    private const string Verb = "visible-reach";

    public static Command Create()
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Output folder", Required = true };
        var setupOption = new Option<string>("--setup") { Description = $"A built-in setup's name or a setup file (default {SetupCatalog.Visible2017})" };
        var eot = new Option<string>("--eot") { Description = "Electrons on target of the band (default: the setup's exposure)" };
        var projected = new Option<string>("--projected-eot") { Description = "Comma-separated EOT of the projections (default: the setup's; 'none' for none)" };
        var masses = new Option<string>("--masses") { Description = "Comma-separated X masses in MeV (default: the setup's signal masses)" };
        var emissions = new Option<string>("--emissions") { Description = "Simulated emissions per mass (default 20000)" };
        var seed = new Option<string>("--seed") { Description = "Seed of the emissions (default 2026)" };
        var command = new Command(Verb, "The visible mode's excluded (m, ε) band from the models (dump, decay region, the setup's cuts): visible-reach.csv, visible-cutflow.csv and .png")
        {
            outDir, setupOption, eot, projected, masses, emissions, seed,
        };
        command.SetAction(parse => CliErrors.Guard(Verb, parse.InvocationConfiguration.Error, () =>
        {
            var error = parse.InvocationConfiguration.Error;
            var setup = SetupCatalog.Resolve(parse.GetValue(setupOption) ?? SetupCatalog.Visible2017);
            if (setup.Programme != SetupProgramme.Visible)
            {
                error.WriteLine($"na64 {Verb}: setup '{setup.Name}' is of the {setup.Programme.ToString().ToLowerInvariant()} programme; the band needs a visible-programme setup (e.g. {SetupCatalog.Visible2017})");
                return 2;
            }
            int emissionCount;
            ulong seedValue;
            try
            {
                setup = Override(setup, parse.GetValue(eot), parse.GetValue(projected), parse.GetValue(masses));
                emissionCount = (int)Positive(parse.GetValue(emissions), "--emissions", 20_000);
                if (emissionCount < 100 || emissionCount > 10_000_000) throw new ArgumentException($"--emissions must be in [100, 10^7], got {emissionCount}");
                seedValue = parse.GetValue(seed) is { } s
                    ? ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"--seed must be an unsigned integer, got '{s}'")
                    : 2026;
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"na64 {Verb}: {e.Message}");
                return 2;
            }
            var reach = VisibleReach.Compute(setup, emissionCount, seedValue, new CampaignAnalysisOptions());
            var folder = parse.GetValue(outDir)!;
            folder.Create();
            var files = VisibleReport.Render(reach,
                $"NA64 visible mode from the models: {setup.Name}, {setup.BeamEnergyGeV:0.#} GeV e⁻ on the {setup.Dump!.Name}");
            foreach (var f in files) File.WriteAllBytes(Path.Combine(folder.FullName, f.Name), f.Content);
            parse.InvocationConfiguration.Output.Write(VisibleReport.Bands(reach).Csv());
            return 0;
        }));
        return command;
    }

    /// <summary>The setup with the options that were given in place of its values.</summary>
    private static Setup Override(Setup setup, string? eot, string? projected, string? masses)
    {
        var signal = setup.Signal!;
        if (masses is not null) signal = signal with { MassesMeV = List(masses, "--masses") };
        if (projected is not null) signal = signal with { ProjectedExposures = projected == "none" ? [] : List(projected, "--projected-eot") };
        var exposure = eot is null ? setup.Exposure! : setup.Exposure! with { OnTarget = Positive(eot, "--eot", double.NaN) };
        return setup with { Signal = signal, Exposure = exposure };
    }

    private static double[] List(string text, string name)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is 0 or > 64) throw new ArgumentException($"{name} needs 1 to 64 values, got {parts.Length}");
        return [.. parts.Select(p => Positive(p, name, double.NaN))];
    }

    private static double Positive(string? text, string name, double fallback)
    {
        var x = text is null ? fallback : NumberArgument.Parse(text, name);
        if (!(x > 0)) throw new ArgumentException($"{name} must be > 0, got {x.ToString(CultureInfo.InvariantCulture)}");
        return x;
    }
}
