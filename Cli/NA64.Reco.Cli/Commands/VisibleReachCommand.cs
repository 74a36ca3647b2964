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
/// region, through the setup's selection, and the ε band per mass where the signal reaches N_up (of several setups,
/// their signals summed); writes
/// visible-reach.csv, visible-cutflow.csv, visible-efficiency.csv, visible-background.csv (the K⁰_S sources, simulated for
/// each setup, in N_up) and visible-reach.png. Not a campaign.
/// </summary>
public static class VisibleReachCommand
{
    private const string Verb = "visible-reach";

    public static Command Create()
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Output folder", Required = true };
        var setupOption = new Option<string>("--setup") { Description = $"A built-in setup's name or a setup file, or several comma-separated to combine their data (default {SetupCatalog.Visible2017})" };
        var eot = new Option<string>("--eot") { Description = "Electrons on target of the band, for one setup (default: the setup's exposure)" };
        var projected = new Option<string>("--projected-eot") { Description = "Comma-separated EOT of the projections (default: the setup's; 'none' for none)" };
        var masses = new Option<string>("--masses") { Description = "Comma-separated X masses in MeV (default: the setup's signal masses)" };
        var emissions = new Option<string>("--emissions") { Description = "Simulated emissions per mass (default 20000)" };
        var seed = new Option<string>("--seed") { Description = "Seed of the emissions and of the background events (default 2026)" };
        var backgroundEvents = new Option<string>("--background-events") { Description = "Simulated K0S background events per setup and decay (default 1000000)" };
        var command = new Command(Verb, "The visible mode's excluded (m, ε) band from the models (dump, decay region, the setup's cuts): visible-reach.csv, visible-cutflow.csv, visible-efficiency.csv, visible-background.csv and .png")
        {
            outDir, setupOption, eot, projected, masses, emissions, seed, backgroundEvents,
        };
        command.SetAction(parse => CliErrors.Guard(Verb, parse.InvocationConfiguration.Error, () =>
        {
            var error = parse.InvocationConfiguration.Error;
            var names = (parse.GetValue(setupOption) ?? SetupCatalog.Visible2017).Split(',', StringSplitOptions.TrimEntries);
            if (names.Length > VisibleReach.MaxSetups || names.Any(n => n.Length == 0))
            {
                error.WriteLine($"na64 {Verb}: --setup takes 1 to {VisibleReach.MaxSetups} comma-separated setups, got '{parse.GetValue(setupOption)}'");
                return 2;
            }
            var setups = names.Select(SetupCatalog.Resolve).ToArray();
            if (setups.FirstOrDefault(s => s.Programme != SetupProgramme.Visible) is { } other)
            {
                error.WriteLine($"na64 {Verb}: setup '{other.Name}' is of the {other.Programme.ToString().ToLowerInvariant()} programme; the band needs a visible-programme setup (e.g. {SetupCatalog.Visible2017})");
                return 2;
            }
            VisibleReach reach;
            try
            {
                if (setups.Length > 1 && parse.GetValue(eot) is not null)
                    throw new ArgumentException("--eot takes one setup: in a combination each setup keeps its own exposure");
                setups = [.. setups.Select(s => Override(s, parse.GetValue(eot), parse.GetValue(projected), parse.GetValue(masses)))];
                var emissionCount = NumberArgument.Count(parse.GetValue(emissions), "--emissions", VisibleReach.DefaultEmissions, 100, 10_000_000);
                var seedValue = NumberArgument.Seed(parse.GetValue(seed), "--seed", VisibleReach.DefaultSeed);
                var backgroundCount = NumberArgument.Count(parse.GetValue(backgroundEvents), "--background-events", VisibleReach.DefaultBackgroundEvents, 100, 1_000_000_000);
                reach = VisibleReach.Compute(setups, emissionCount, seedValue, new CampaignAnalysisOptions(), backgroundCount);
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"na64 {Verb}: {e.Message}");
                return 2;
            }
            var folder = parse.GetValue(outDir)!;
            folder.Create();
            var files = VisibleReport.Render(reach,
                $"{reach.Name}: {string.Join("/", setups.Select(s => s.BeamEnergyGeV.ToString("0.#", CultureInfo.InvariantCulture)))} GeV e⁻ on the {string.Join("/", setups.Select(s => s.Dump!.Name).Distinct())}, from the models");
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
        if (masses is not null) signal = signal with { MassesMeV = NumberArgument.PositiveList(masses, "--masses") };
        if (projected is not null) signal = signal with { ProjectedExposures = projected == "none" ? [] : NumberArgument.PositiveList(projected, "--projected-eot") };
        var exposure = eot is null ? setup.Exposure! : setup.Exposure! with { OnTarget = NumberArgument.Positive(eot, "--eot", double.NaN) };
        return setup with { Signal = signal, Exposure = exposure };
    }
}
