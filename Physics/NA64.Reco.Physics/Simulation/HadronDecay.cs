using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// Decays in flight of beam π⁻ and K⁻ in the last <c>DecayRegionM</c> of beam line before the ECAL (docs/physics.md
/// §4a): π⁻ → μ⁻ν̄, π⁻ → e⁻ν̄, K⁻ → μ⁻ν̄, K⁻ → e⁻ν̄ and K⁻ → π⁰e⁻ν̄ (K_e3); other channels are not simulated (the hadron
/// goes on undecayed). The electron channels are the rare process of the invisible-mode background "π, K → eν, K_e3"
/// and can be biased: with probability q = P_decay · BR_e of one of them, the simulation takes q' = min(1, B·q) for a
/// bias B and gives the event the exact weight q/q' when it happens and (1 − q)/(1 − q') when it does not (a weight of
/// 1 exactly when B = 1), so weighted sums estimate the unbiased expectation.
/// <para>Constants: masses and lifetimes PDG (cτ_π = 7.8045 m, cτ_K = 3.7114 m); BR(K → μν) = 63.56% (PDG);
/// BR(K⁻ → π⁰e⁻ν̄) = (5.01 ± 0.09)% (ISTRA+, IHEP preprint 2013-7); BR(K → eν) = R_K · BR(K → μν) with R_K =
/// (2.487 ± 0.013) × 10⁻⁵ (NA62, arXiv:1101.4805); BR(π → eν) = R_e/μ = (1.2344 ± 0.0030) × 10⁻⁴ (PIENU, PRL 115 (2015)
/// 071801). Two-body decays are isotropic in the rest frame. K_e3 is drawn on its Dalitz plot (E_π, E_e) with the
/// vector-current density ρ ∝ f₊²(t)·[m_K(2E_eE_ν − m_K E'_π) + m_e²(E'_π/4 − E_ν)], E'_π = E_π^max − E_π,
/// f₊(t) = 1 + λ₊ t/m²_π⁺, λ₊ = 0.0297 (PDG, K±_l3 form factors: the definitions and the linear K±_e3 slope), by
/// acceptance–rejection; the π⁰ (its two photons, a few mrad apart at these energies, taken as one shower) and the
/// electron are boosted along the parent's direction.</para>
/// </summary>
internal sealed class HadronDecay
{
    private const double PionMassGeV = 0.13957039, KaonMassGeV = 0.493677, MuonMassGeV = APrime.MuonPairCrossSection.MuonMassGeV;
    private const double ElectronMassGeV = 0.51099895e-3, NeutralPionMassGeV = 0.1349768;
    private const double PionCTauM = 7.8045, KaonCTauM = 3.7114;
    public const double KaonMuNuBranching = 0.6356;
    public const double KaonE3Branching = 0.0501;
    public const double KaonENuBranching = 2.487e-5 * KaonMuNuBranching;
    public const double PionENuBranching = 1.2344e-4;
    public const double PionMuNuBranching = 1 - PionENuBranching;
    private const double FormFactorSlope = 0.0297;
    /// <summary>The K_e3 Dalitz plot's largest electron and π⁰ energies in the kaon's rest frame.</summary>
    private const double ElectronMaxEnergyGeV = (KaonMassGeV * KaonMassGeV - NeutralPionMassGeV * NeutralPionMassGeV) / (2 * KaonMassGeV);
    private const double PionMaxEnergyGeV = (KaonMassGeV * KaonMassGeV + NeutralPionMassGeV * NeutralPionMassGeV - ElectronMassGeV * ElectronMassGeV) / (2 * KaonMassGeV);

    /// <summary>The acceptance–rejection bound: a constant of the masses and the form factor, found once per process.</summary>
    private static readonly double s_ke3DensityMax = 1.05 * Ke3DensityMaximum();

    private readonly double _regionM, _ecalZM, _bias;

    public HadronDecay(DetectorConditions c, double bias)
    {
        if (!(bias >= 1) || double.IsInfinity(bias)) throw new ArgumentOutOfRangeException(nameof(bias), bias, "a bias must be a finite factor >= 1");
        _regionM = c.Beam.DecayRegionM;
        _ecalZM = c.Ecal.ZM;
        _bias = bias;
    }

    /// <summary>
    /// Decides whether a hadron of momentum <paramref name="p"/> decays within the region and how, and sets the
    /// daughter's kink and momentum on <paramref name="track"/>. Returns the event weight the bias gives.
    /// </summary>
    public double Decay(ref EventRandom rng, ParticleKind particle, double p, ref Trajectory track, out HadronDecayProducts products)
    {
        products = default;
        var kaon = particle == ParticleKind.Kaon;
        var mass = kaon ? KaonMassGeV : PionMassGeV;
        var decayLength = p / mass * (kaon ? KaonCTauM : PionCTauM);
        var inRegion = -double.ExpM1(-_regionM / decayLength);
        var electronBranching = kaon ? KaonE3Branching + KaonENuBranching : PionENuBranching;
        var q = inRegion * electronBranching;
        var biased = Math.Min(1, _bias * q);
        var u = rng.NextDouble();
        double weight;
        if (u < biased)
        {
            weight = q / biased;
            var e3 = kaon && rng.NextDouble() * electronBranching < KaonE3Branching;
            products.Channel = e3 ? DecayChannel.KaonE3 : DecayChannel.ElectronNu;
        }
        else
        {
            weight = (1 - q) / (1 - biased);
            // The same draw, uniform again within the rest: a μν decay has probability P·BR_μ/(1 − q) there.
            var v = (u - biased) / (1 - biased);
            if (!(v * (1 - q) < inRegion * (kaon ? KaonMuNuBranching : PionMuNuBranching))) return weight;
            products.Channel = DecayChannel.MuonNu;
        }

        // Decay point: exponential in flight distance, truncated to the region.
        var distance = -decayLength * Math.Log(1 - rng.NextDouble() * inRegion);
        track.DecayZM = Math.Max(0, _ecalZM - _regionM + Math.Min(distance, _regionM));
        var energy = Math.Sqrt(p * p + mass * mass);
        var gamma = energy / mass;
        var betaGamma = p / mass;
        if (products.Channel == DecayChannel.KaonE3)
        {
            SampleKe3(ref rng, out var ee, out var electronDirection, out var epi, out var pionDirection);
            products.NeutralPionEnergyGeV = Boost(gamma, betaGamma, epi, NeutralPionMassGeV, pionDirection, out products.NeutralSlopeX, out products.NeutralSlopeY);
            SetDaughter(ref track, Boost(gamma, betaGamma, ee, ElectronMassGeV, electronDirection, out var sx, out var sy), ElectronMassGeV, sx, sy, ref products);
        }
        else
        {
            var daughterMass = products.Channel == DecayChannel.MuonNu ? MuonMassGeV : ElectronMassGeV;
            var pStar = (mass * mass - daughterMass * daughterMass) / (2 * mass);
            var eStar = Math.Sqrt(pStar * pStar + daughterMass * daughterMass);
            var direction = Isotropic(ref rng);
            SetDaughter(ref track, Boost(gamma, betaGamma, eStar, daughterMass, direction, out var sx, out var sy), daughterMass, sx, sy, ref products);
        }
        return weight;
    }

    private static void SetDaughter(ref Trajectory track, double energy, double daughterMass, double slopeX, double slopeY, ref HadronDecayProducts products)
    {
        products.DaughterEnergyGeV = energy;
        track.DaughterMomentumGeV = Math.Sqrt(Math.Max(energy * energy - daughterMass * daughterMass, 1e-6));
        track.DecaySlopeX = slopeX;
        track.DecaySlopeY = slopeY;
    }

    /// <summary>Lab energy of a particle of rest-frame energy <paramref name="eStar"/> and direction <paramref name="dir"/>, the parent moving along z; its angles to the parent's direction.</summary>
    private static double Boost(double gamma, double betaGamma, double eStar, double m, (double X, double Y, double Z) dir, out double slopeX, out double slopeY)
    {
        var pStar = Math.Sqrt(Math.Max(eStar * eStar - m * m, 0));
        var pz = gamma * pStar * dir.Z + betaGamma * eStar;
        var energy = gamma * eStar + betaGamma * pStar * dir.Z;
        // Small angles: the transverse momentum over the longitudinal one (a daughter going backwards has pz ≤ 0 only far below the cuts' energies).
        var longitudinal = Math.Max(pz, 1e-6);
        slopeX = pStar * dir.X / longitudinal;
        slopeY = pStar * dir.Y / longitudinal;
        return energy;
    }

    private static (double X, double Y, double Z) Isotropic(ref EventRandom rng)
    {
        var cosTheta = 2 * rng.NextDouble() - 1;
        var sinTheta = Math.Sqrt(1 - cosTheta * cosTheta);
        var phi = 2 * Math.PI * rng.NextDouble();
        return (sinTheta * Math.Cos(phi), sinTheta * Math.Sin(phi), cosTheta);
    }

    /// <summary>K_e3 in the kaon's rest frame: energies and directions of the electron and the π⁰ (the ν balances them).</summary>
    private static void SampleKe3(ref EventRandom rng, out double ee, out (double X, double Y, double Z) electron, out double epi, out (double X, double Y, double Z) pion)
    {
        double cos;
        while (true)
        {
            ee = ElectronMassGeV + (ElectronMaxEnergyGeV - ElectronMassGeV) * rng.NextDouble();
            epi = NeutralPionMassGeV + (PionMaxEnergyGeV - NeutralPionMassGeV) * rng.NextDouble();
            if (!Ke3Allowed(ee, epi, out cos)) continue;
            if (rng.NextDouble() * s_ke3DensityMax < Ke3Density(ee, epi)) break;
        }
        electron = Isotropic(ref rng);
        // The pion at the angle the kinematics fix to the electron, at a uniform azimuth about it.
        var sin = Math.Sqrt(Math.Max(0, 1 - cos * cos));
        var phi = 2 * Math.PI * rng.NextDouble();
        var (ax, ay, az) = Perpendicular(electron);
        var (bx, by, bz) = (electron.Y * az - electron.Z * ay, electron.Z * ax - electron.X * az, electron.X * ay - electron.Y * ax);
        pion = (cos * electron.X + sin * (Math.Cos(phi) * ax + Math.Sin(phi) * bx),
                cos * electron.Y + sin * (Math.Cos(phi) * ay + Math.Sin(phi) * by),
                cos * electron.Z + sin * (Math.Cos(phi) * az + Math.Sin(phi) * bz));
    }

    private static (double X, double Y, double Z) Perpendicular((double X, double Y, double Z) v)
    {
        // Cross v with the axis it is least aligned with, normalised.
        var (x, y, z) = Math.Abs(v.X) < 0.9 ? (0.0, v.Z, -v.Y) : (-v.Z, 0.0, v.X);
        var n = Math.Sqrt(x * x + y * y + z * z);
        return (x / n, y / n, z / n);
    }

    /// <summary>Whether (E_e, E_π) lies on the Dalitz plot, and the cosine of the e–π angle there (the ν is massless).</summary>
    private static bool Ke3Allowed(double ee, double epi, out double cos)
    {
        var enu = KaonMassGeV - ee - epi;
        cos = 0;
        if (enu <= 0) return false;
        var pe = Math.Sqrt(Math.Max(ee * ee - ElectronMassGeV * ElectronMassGeV, 0));
        var ppi = Math.Sqrt(Math.Max(epi * epi - NeutralPionMassGeV * NeutralPionMassGeV, 0));
        if (pe == 0 || ppi == 0) return false;
        cos = (enu * enu - pe * pe - ppi * ppi) / (2 * pe * ppi);
        return cos is >= -1 and <= 1;
    }

    private static double Ke3Density(double ee, double epi)
    {
        var enu = KaonMassGeV - ee - epi;
        var ePrime = PionMaxEnergyGeV - epi;
        var t = KaonMassGeV * KaonMassGeV + NeutralPionMassGeV * NeutralPionMassGeV - 2 * KaonMassGeV * epi;
        var f = 1 + FormFactorSlope * t / (PionMassGeV * PionMassGeV);
        var a = KaonMassGeV * (2 * ee * enu - KaonMassGeV * ePrime) + ElectronMassGeV * ElectronMassGeV * (ePrime / 4 - enu);
        return f * f * Math.Max(a, 0);
    }

    /// <summary>The density's largest value over a 400 × 400 grid of the Dalitz plot (the acceptance bound, with a 5% margin above).</summary>
    private static double Ke3DensityMaximum()
    {
        var max = 0.0;
        const int n = 400;
        for (var i = 0; i <= n; i++)
            for (var j = 0; j <= n; j++)
            {
                var ee = ElectronMassGeV + (ElectronMaxEnergyGeV - ElectronMassGeV) * i / n;
                var epi = NeutralPionMassGeV + (PionMaxEnergyGeV - NeutralPionMassGeV) * j / n;
                if (Ke3Allowed(ee, epi, out _)) max = Math.Max(max, Ke3Density(ee, epi));
            }
        return max;
    }
}
