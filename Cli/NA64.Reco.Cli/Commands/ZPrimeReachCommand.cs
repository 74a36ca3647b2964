using System.CommandLine;
using System.Text;
using NA64.Reco.Cli.Options;
using NA64.Reco.Cli.Terminal;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Results;

namespace NA64.Reco.Cli.Commands;

/// <summary>
/// <c>na64 zprime-reach</c>: NA64μ's reach in g_Z' from the models alone for a muon-programme setup (<see cref="ZPrimeReach"/>,
/// docs/physics.md §8b, docs/setups.md): the yield, the setup's cut-flow over simulated events (Z' and beam muons) and
/// the one limit path, with the (g − 2)_μ band; writes zprime-reach.csv, zprime-cutflow.csv and zprime-reach.png. The
/// options override the setup's values. Not a campaign: no trigger, acceptance or background is in it.
/// </summary>
public static class ZPrimeReachCommand
{
    private const string Verb = "zprime-reach";

    public static Command Create()
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Output folder", Required = true };
        var setupOption = new Option<string>("--setup") { Description = $"A built-in setup's name or a setup file (default {SetupCatalog.Na64Mu2022})" };
        var mot = new Option<string>("--mot") { Description = "Muons on target of the limit (default: the setup's exposure)" };
        var projected = new Option<string>("--projected-mot") { Description = "Comma-separated MOT of the projections (default: the setup's; 'none' for none)" };
        var masses = new Option<string>("--masses") { Description = "Comma-separated Z' masses in MeV (default: the setup's signal masses)" };
        var mips = new Option<string>("--mip-multiple") { Description = "Thresholds above the MIP of the ecal-quiet and hcal-quiet cuts, in their MIPs (default: the setup's)" };
        var deltaA = new Option<string>("--delta-a-mu") { Description = "Δa_μ of the band (default: the setup's)" };
        var deltaASigma = new Option<string>("--delta-a-mu-sigma") { Description = "Its uncertainty (default: the setup's)" };
        var deltaASource = new Option<string>("--delta-a-mu-source") { Description = "Where Δa_μ comes from, for the plot (default: the setup's)" };
        var emissions = new Option<string>("--emissions") { Description = "Simulated events per mass for the efficiency, each with a forced emission, and as many beam muons (default 20000)" };
        var seed = new Option<string>("--seed") { Description = "Seed of the emissions (default 2026)" };
        var command = new Command(Verb, "NA64μ's reach in g_Z' from the models (yield, the setup's cut-flow), with the (g-2)_μ band: zprime-reach.csv, zprime-cutflow.csv and .png")
        {
            outDir, setupOption, mot, projected, masses, mips, deltaA, deltaASigma, deltaASource, emissions, seed,
        };
        command.SetAction(parse => CliErrors.Guard(Verb, parse.InvocationConfiguration.Error, () =>
        {
            var error = parse.InvocationConfiguration.Error;
            var setup = SetupCatalog.Resolve(parse.GetValue(setupOption) ?? SetupCatalog.Na64Mu2022);
            if (setup.Programme != SetupProgramme.Muon)
            {
                error.WriteLine($"na64 {Verb}: setup '{setup.Name}' is of the {setup.Programme.ToString().ToLowerInvariant()} programme; the reach needs a muon-programme setup (e.g. {SetupCatalog.Na64Mu2022})");
                return 2;
            }
            int emissionCount;
            ulong seedValue;
            try
            {
                setup = Override(setup, parse.GetValue(mot), parse.GetValue(projected), parse.GetValue(masses), parse.GetValue(mips),
                    parse.GetValue(deltaA), parse.GetValue(deltaASigma), parse.GetValue(deltaASource));
                emissionCount = NumberArgument.Count(parse.GetValue(emissions), "--emissions", 20_000, 100, 10_000_000);
                seedValue = NumberArgument.Seed(parse.GetValue(seed), "--seed", 2026);
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"na64 {Verb}: {e.Message}");
                return 2;
            }
            var reach = ZPrimeReach.Compute(setup, emissionCount, seedValue);
            var folder = parse.GetValue(outDir)!;
            folder.Create();
            // The campaign's tables, under the reach's names: this is the reach from the models, not a campaign.
            var files = MuonReport.Render(reach, "no event, no background, cut-flow efficiency only",
                $"NA64μ reach from the models: setup {setup.Name}, {setup.BeamEnergyGeV:0.#} GeV μ⁻, {string.Join(", ", setup.Selection.Select(c => c.Cut))}");
            var names = new Dictionary<string, string> { ["limits.csv"] = "zprime-reach.csv", ["cutflow.csv"] = "zprime-cutflow.csv", [MuonReport.PlotName] = "zprime-reach.png" };
            foreach (var f in files)
                if (names.TryGetValue(f.Name, out var name)) File.WriteAllBytes(Path.Combine(folder.FullName, name), f.Content);
            var csv = MuonReport.LimitsCsv(reach);
            parse.InvocationConfiguration.Output.Write(csv);
            return 0;
        }));
        return command;
    }

    /// <summary>The setup with the options that were given in place of its values.</summary>
    private static Setup Override(Setup setup, string? mot, string? projected, string? masses, string? mips, string? deltaA, string? deltaASigma, string? deltaASource)
    {
        var signal = setup.Signal!;
        if (masses is not null) signal = signal with { MassesMeV = NumberArgument.PositiveList(masses, "--masses") };
        if (projected is not null) signal = signal with { ProjectedExposures = projected == "none" ? [] : NumberArgument.PositiveList(projected, "--projected-mot") };
        var exposure = mot is null ? setup.Exposure! : setup.Exposure! with { OnTarget = NumberArgument.Positive(mot, "--mot", double.NaN) };
        var selection = setup.Selection;
        if (mips is not null)
        {
            var k = NumberArgument.Positive(mips, "--mip-multiple", double.NaN);
            if (!selection.Any(c => c.Cut is MuonSelection.EcalQuiet or MuonSelection.HcalQuiet))
                throw new ArgumentException($"--mip-multiple: setup '{setup.Name}' has no {MuonSelection.EcalQuiet} or {MuonSelection.HcalQuiet} cut");
            selection = [.. selection.Select(c => c.Cut is MuonSelection.EcalQuiet or MuonSelection.HcalQuiet
                ? c with { Parameters = new Dictionary<string, double> { ["maxMips"] = k } } : c)];
        }
        var anomaly = setup.Anomaly!;
        anomaly = new MuonAnomaly(deltaA is null ? anomaly.DeltaA : NumberArgument.Parse(deltaA, "--delta-a-mu"),
            deltaASigma is null ? anomaly.Sigma : NumberArgument.Positive(deltaASigma, "--delta-a-mu-sigma", double.NaN), deltaASource ?? anomaly.Source);
        return setup with { Signal = signal, Exposure = exposure, Selection = selection, Anomaly = anomaly };
    }
}
