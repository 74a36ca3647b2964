using System.Globalization;
using System.Text;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Simulation.APrime;
using Xunit.Abstractions;

namespace NA64.Reco.Physics.Tests.Simulation.APrime;

/// <summary>
/// The numbers of docs/aprime-production.md ("Exact-tree-level correction"), printed by
/// <c>dotnet test tests/NA64.Reco.Physics.Tests --filter "FullyQualifiedName~EtlNumbersTests" --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class EtlNumbersTests(ITestOutputHelper output)
{
    private const double Beam = 100;
    private const int Emissions = 100_000;
    private const ulong Seed = 0x444F43_53UL;
    private static readonly double[] s_masses = [1, 5, 16.7, 50, 100, 300, 1000];

    [Fact]
    public void Cross_sections_and_yields_at_100_GeV_against_the_ETL_reference()
    {
        var c = DetectorConditions.Default;
        var allX = c with { APrime = c.APrime with { MinEnergyFraction = 0 } };
        var uncorrected = c with { APrime = c.APrime with { KFactorTable = KFactorTable.Unity } };
        var column = Array.IndexOf(EtlReference.EnergiesGeV, Beam);
        var sigmas = new StringBuilder()
            .AppendLine("| m (MeV) | σ_IWW, this code | σ_ETL, DMG4 | k(m, 100 GeV) | σ, this code with k | σ / σ_ETL | σ_closed / σ_IWW | 1/K (DMG4) | (σ_closed/σ_IWW)/K |")
            .AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        var yields = new StringBuilder()
            .AppendLine("| m (MeV) | σ(x > 0.5) with k | Y_IWW per EOT | Y_ETL per EOT | Y_ETL / Y_IWW | k(m, 50 GeV) | k(m, 100 GeV) | theory unc. abs(Y_ETL − Y_IWW)/Y_ETL |")
            .AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var m in s_masses)
        {
            var row = Array.IndexOf(EtlReference.MassesMeV, m);
            var onGrid = row >= 0;
            // Off the grid DMG4 itself returns its closed form over K interpolated linearly in m.
            var etl = onGrid ? EtlReference.SigmaCm2[row][column] : EtlReference.Dmg4ClosedFormIwwCm2(m, Beam) / EtlReference.Dmg4KAt100GeV(m);
            var iww = EtlReference.IwwCm2(m, Beam);
            var emitter = new APrimeEmitter(allX, m);
            var k = emitter.KFactorAt(Beam);
            var sigma = emitter.CrossSectionCm2(Beam, 0);
            var closed = EtlReference.Dmg4ClosedFormIwwCm2(m, Beam);
            var dmg4K = EtlReference.Dmg4KAt100GeV(m);
            Assert.InRange(sigma / etl, onGrid ? 0.99 : 0.97, onGrid ? 1.01 : 1.03);
            sigmas.AppendLine(Invariant($"| {m} | {iww:0.000e+0} | {etl:0.000e+0}{(onGrid ? "" : " ¹")} | {k:0.000} | {sigma:0.000e+0} | {sigma / etl:0.000} | {closed / iww:0.000} | {1 / dmg4K:0.000} | {closed / iww / dmg4K:0.000} |"));

            var signal = new APrimeEmitter(c, m);
            var yEtl = signal.EstimateYieldPerEot(Beam, Emissions, Seed);
            var yIww = new APrimeEmitter(uncorrected, m).EstimateYieldPerEot(Beam, Emissions, Seed);
            var k50 = signal.KFactorAt(50);
            Assert.InRange(yEtl / yIww, Math.Min(k50, k) - 1e-3, Math.Max(k50, k) + 1e-3);
            yields.AppendLine(Invariant($"| {m} | {signal.CrossSectionCm2(Beam, 0.5 * Beam):0.00e+0} | {yIww:0.00e+0} | {yEtl:0.00e+0} | {yEtl / yIww:0.000} | {k50:0.000} | {k:0.000} | {Math.Abs(yEtl - yIww) / yEtl:0.000} |"));
        }
        output.WriteLine("σ in cm² at ε = 1, Pb, E = 100 GeV, all x (¹ DMG4's σ_closed/K with K linear in m between its rows):");
        output.WriteLine(sigmas.ToString());
        output.WriteLine(Invariant($"Yields at E₀ = {Beam} GeV, {Emissions} emissions per mass (same events with and without k):"));
        output.WriteLine(yields.ToString());
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
