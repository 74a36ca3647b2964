using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Reconstruction;

/// <summary>
/// Synchrotron-radiation tag (physics.md §3): an electron radiates ~130 MeV in the magnets, a hadron nothing
/// measurable, so the tag asks every SRD module for an energy within [min, max] and a time within ±window.
/// </summary>
public sealed class SrdTagger
{
    private readonly int _modules;
    private readonly double _minMeV, _maxMeV, _windowNs;

    public SrdTagger(DetectorConditions conditions)
    {
        _modules = conditions.Srd.Modules;
        _minMeV = conditions.Cuts.SrdModuleMinMeV;
        _maxMeV = conditions.Cuts.SrdModuleMaxMeV;
        _windowNs = conditions.Cuts.SrdTimeWindowNs;
    }

    /// <summary>Converts the SRD hits of <paramref name="raw"/> (keV, ps) to MeV and ns and sets the tag.</summary>
    public void Tag(RawEvent raw, RecoEvent into)
    {
        // Modules the SRD does not have never fail: the per-module counts of the factorised misidentification need 8.
        var mask = 0xFF & ~((1 << _modules) - 1);
        double total = 0;
        for (var m = 0; m < _modules; m++)
        {
            var e = raw.SrdEnergyKeV[m] / 1000.0;
            var t = raw.SrdTimePs[m] / 1000.0;
            into.SrdEnergyMeV[m] = e;
            into.SrdTimeNs[m] = t;
            total += e;
            // Inclusive energy window, strict time window (|t| < window), as the cut values read.
            if (e >= _minMeV && e <= _maxMeV && Math.Abs(t) < _windowNs) mask |= 1 << m;
        }
        into.SrdTotalMeV = total;
        into.SrdModulePassMask = mask;
        into.SrdTagged = mask == 0xFF;
    }
}
