using System.CommandLine;
using System.Globalization;
using System.Text;
using NA64.Reco.Cli.Options;
using NA64.Reco.Cli.Terminal;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Results.Plots;

namespace NA64.Reco.Cli.Commands;

/// <summary>
/// <c>na64 zprime-reach</c>: NA64μ's reach in g_Z' from the models alone (<see cref="ZPrimeReach"/>, docs/physics.md
/// §8b): the yield, the calorimeters' efficiency for the muon's transfers and the one limit path, with the (g − 2)_μ
/// band; writes zprime-reach.csv and zprime-reach.png. Not a campaign: no trigger, tracking or background is in it.
/// </summary>
public static class ZPrimeReachCommand
{
    private const string Verb = "zprime-reach";
    private static readonly double[] s_defaultMasses = [1, 2, 5, 10, 20, 40, 70, 100, 200, 500, 1000];

    public static Command Create()
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Output folder", Required = true };
        var mot = new Option<string>("--mot") { Description = "Muons on target of the limit (default 1.98e10, NA64μ's first result)" };
        var projected = new Option<string>("--projected-mot") { Description = "Comma-separated MOT of the projections (default 1e11,1e12; 'none' for none)" };
        var masses = new Option<string>("--masses") { Description = "Comma-separated Z' masses in MeV (default 1,2,5,10,20,40,70,100,200,500,1000)" };
        var mips = new Option<string>("--mip-multiple") { Description = "Thresholds above the MIP in the ECAL and each HCAL module, in their MIPs (default 1)" };
        var deltaA = new Option<string>("--delta-a-mu") { Description = "Δa_μ of the band (default 249e-11)" };
        var deltaASigma = new Option<string>("--delta-a-mu-sigma") { Description = "Its uncertainty (default 48e-11)" };
        var deltaASource = new Option<string>("--delta-a-mu-source") { Description = "Where Δa_μ comes from, for the plot (default: 2023 world average vs WP2020)" };
        var emissions = new Option<string>("--emissions") { Description = "Forced emissions per mass for the efficiency (default 20000)" };
        var seed = new Option<string>("--seed") { Description = "Seed of the emissions (default 2026)" };
        var conditions = ConditionsOption.Create();
        var command = new Command(Verb, "NA64μ's reach in g_Z' from the models (yield, calorimeter efficiency), with the (g-2)_μ band: zprime-reach.csv and .png")
        {
            outDir, mot, projected, masses, mips, deltaA, deltaASigma, deltaASource, emissions, seed, conditions,
        };
        command.SetAction(parse => CliErrors.Guard(Verb, parse.InvocationConfiguration.Error, () =>
        {
            var error = parse.InvocationConfiguration.Error;
            double motValue, mipMultiple;
            double[] massList, projectedList;
            int emissionCount;
            ulong seedValue;
            MuonAnomaly anomaly;
            try
            {
                motValue = Positive(parse.GetValue(mot), "--mot", ZPrimeReach.FirstResultMot);
                projectedList = parse.GetValue(projected) is "none" ? [] : List(parse.GetValue(projected), "--projected-mot", [1e11, 1e12]);
                massList = List(parse.GetValue(masses), "--masses", s_defaultMasses);
                mipMultiple = Positive(parse.GetValue(mips), "--mip-multiple", 1);
                anomaly = new MuonAnomaly(Number(parse.GetValue(deltaA), "--delta-a-mu", 249e-11),
                    Positive(parse.GetValue(deltaASigma), "--delta-a-mu-sigma", 48e-11),
                    parse.GetValue(deltaASource) ?? "2023 world average vs WP2020");
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
            var reach = ZPrimeReach.Compute(ConditionsOption.Load(parse.GetValue(conditions)), massList, motValue, projectedList, mipMultiple, emissionCount, seedValue);
            var folder = parse.GetValue(outDir)!;
            folder.Create();
            var csv = Csv(reach, anomaly);
            File.WriteAllText(Path.Combine(folder.FullName, "zprime-reach.csv"), csv);
            var png = ZPrimePlots.Coupling(reach.Observed, reach.Projections, anomaly, "no event, no background, calorimeter efficiency only",
                $"NA64μ reach from the models: 160 GeV μ⁻, thresholds {mipMultiple:0.##} MIP above the MIP");
            if (png is not null) File.WriteAllBytes(Path.Combine(folder.FullName, "zprime-reach.png"), png);
            parse.InvocationConfiguration.Output.Write(csv);
            return 0;
        }));
        return command;
    }

    /// <summary>One row per mass: efficiency, yield, g_90 at the exposure and each projection, and the band's edges.</summary>
    public static string Csv(ZPrimeReach reach, MuonAnomaly anomaly)
    {
        var sb = new StringBuilder("mass_mev,efficiency,efficiency_error,yield_per_mot_per_g2,g90");
        foreach (var p in reach.Projections) sb.Append(CultureInfo.InvariantCulture, $",g90_at_{p.Inputs.Eot:0.###E+0}_mot");
        sb.Append(",band_low,band_high\n");
        for (var i = 0; i < reach.Signals.Count; i++)
        {
            var s = reach.Signals[i];
            var (low, high) = anomaly.FavouredCouplings(s.MassMeV);
            sb.Append(CultureInfo.InvariantCulture, $"{s.MassMeV:R},{reach.Efficiencies[i].Efficiency:R},{reach.Efficiencies[i].Uncertainty:R},{s.YieldPerEot:R},{reach.Observed.Points[i].Epsilon90:R}");
            foreach (var p in reach.Projections) sb.Append(CultureInfo.InvariantCulture, $",{p.Points[i].Epsilon90:R}");
            sb.Append(CultureInfo.InvariantCulture, $",{low:R},{high:R}\n");
        }
        return sb.ToString();
    }

    private static double[] List(string? text, string name, double[] fallback)
    {
        if (text is null) return fallback;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is 0 or > 64) throw new ArgumentException($"{name} needs 1 to 64 values, got {parts.Length}");
        return [.. parts.Select(p => Positive(p, name, double.NaN))];
    }

    private static double Positive(string? text, string name, double fallback)
    {
        var x = Number(text, name, fallback);
        if (!(x > 0)) throw new ArgumentException($"{name} must be > 0, got {x.ToString(CultureInfo.InvariantCulture)}");
        return x;
    }

    private static double Number(string? text, string name, double fallback) => text is null ? fallback : NumberArgument.Parse(text, name);
}
