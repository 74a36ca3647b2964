using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Reconstruction;

/// <summary>
/// Straight-line track fits up- and downstream of the magnets and the momentum from the deflection
/// (physics.md §3, §6): p = 0.3 · B·L / (slope_down − slope_up), the two lines meeting at the magnet centre
/// (<see cref="DetectorGeometry"/>). Per side and projection the line is fixed by the side's first and last
/// stations with hits (every pair of their clusters is a candidate), intermediate stations adding their nearest
/// cluster to a least-squares fit. With two stations per side each line is exact, so the track χ² is defined
/// over the whole track: in x, the mismatch of the two lines at the magnet centre divided by its error propagated
/// from the plane resolution (1 dof); in y (no bending), a straight line through every station (n − 2 dof).
/// Among several candidates the combination with the best matching is kept.
/// </summary>
public sealed class TrackFitter
{
    private readonly DetectorGeometry _geometry;
    private readonly int _stations;
    private readonly int _upstream;
    private readonly double[] _zMm;
    private readonly double _zCentreMm;
    private readonly double _sigma2, _inverseSigma2;
    private readonly double _chi2Max;
    private readonly double[] _fitZ;
    private readonly double[] _fitU;

    public TrackFitter(DetectorConditions conditions)
    {
        _geometry = new DetectorGeometry(conditions);
        var mm = conditions.Micromegas;
        _stations = mm.Stations.Length;
        _upstream = mm.UpstreamStations;
        _zMm = new double[_stations];
        for (var i = 0; i < _stations; i++) _zMm[i] = mm.Stations[i].ZM * 1000.0;
        _zCentreMm = conditions.Magnet.ZCentreM * 1000.0;
        _sigma2 = mm.ResolutionMm * mm.ResolutionMm;
        _inverseSigma2 = 1 / _sigma2;
        _chi2Max = conditions.Cuts.TrackChi2Max;
        _fitZ = new double[2 * _stations];
        _fitU = new double[2 * _stations];
    }

    /// <summary>Fits the tracks of <paramref name="e"/> from its clusters and fills segments, momentum and matching.</summary>
    public void Fit(RecoEvent e)
    {
        var upX = Lever(e, 0, _upstream, 0);
        var downX = Lever(e, _upstream, _stations, 0);
        var upY = Lever(e, 0, _upstream, 1);
        var downY = Lever(e, _upstream, _stations, 1);

        ChooseX(e, upX, downX, out var ux, out var dx);
        ChooseY(e, upY, downY, out var uy, out var dy);

        var fUx = FitSide(e, upX, ux, 0);
        var fDx = FitSide(e, downX, dx, 0);
        var fUy = FitSide(e, upY, uy, 1);
        var fDy = FitSide(e, downY, dy, 1);
        e.Upstream = Segment(fUx, fUy, upX.Candidates * upY.Candidates);
        e.Downstream = Segment(fDx, fDy, downX.Candidates * downY.Candidates);

        if (fUx.N < 2 || fDx.N < 2) return;
        var zc = _zCentreMm;
        var dxc = fUx.At(zc) - fDx.At(zc);
        var chi2 = dxc * dxc / (fUx.Variance(zc, _sigma2) + fDx.Variance(zc, _sigma2));
        var ndf = 1;
        var dyc = 0.0;
        if (fUy.N >= 2 && fDy.N >= 2)
        {
            dyc = fUy.At(zc) - fDy.At(zc);
            var n = Collect(e, upY, uy, 1, 0);
            n = Collect(e, downY, dy, 1, n);
            var all = LineFit.Of(_fitZ, _fitU, n, _inverseSigma2);
            chi2 += all.Chi2;
            ndf += n - 2;
        }
        e.MatchDxMm = dxc;
        e.MatchDistanceMm = Math.Sqrt(dxc * dxc + dyc * dyc);
        e.TrackChi2 = chi2 / ndf;
        e.TrackNdf = ndf;
        e.DeflectionRad = fDx.Slope - fUx.Slope;
        e.MomentumGeV = e.DeflectionRad > 0 ? _geometry.MomentumFromDeflection(e.DeflectionRad) : double.NaN;
    }

    private TrackSegment Segment(in LineFit x, in LineFit y, int candidates)
    {
        var s = TrackSegment.None;
        s.Candidates = candidates;
        s.Hits = x.N + y.N;
        if (x.N >= 2) { s.X0Mm = x.U0; s.SlopeX = x.Slope; }
        if (y.N >= 2) { s.Y0Mm = y.U0; s.SlopeY = y.Slope; }
        if (x.N >= 2 && y.N >= 2)
        {
            s.Chi2 = x.Chi2 + y.Chi2;
            s.Ndf = s.Hits - 4;
            s.Good = s.Ndf == 0 || s.Chi2 / s.Ndf < _chi2Max;
        }
        return s;
    }

    /// <summary>First and last station of a side with clusters in one projection.</summary>
    private readonly record struct LeverArm(int First, int Last, int NFirst, int NLast)
    {
        public int Candidates => NFirst * NLast;
        public bool Valid => NFirst > 0;
    }

    private static LeverArm Lever(RecoEvent e, int from, int to, int projection)
    {
        int first = -1, last = -1;
        for (var st = from; st < to; st++)
        {
            if (e.ClusterCount[st * 2 + projection] == 0) continue;
            if (first < 0) first = st;
            last = st;
        }
        if (first < 0 || last == first) return new LeverArm(-1, -1, 0, 0);
        return new LeverArm(first, last, e.ClusterCount[first * 2 + projection], e.ClusterCount[last * 2 + projection]);
    }

    private double Position(RecoEvent e, int station, int projection, int k) => e.ClusterPosition(station * 2 + projection, k);

    /// <summary>
    /// Choice → (cluster i of the first station, cluster j of the last): choice = i · NLast + j. Without a division for
    /// the usual single candidate (an integer division costs tens of cycles, and this runs six times per event).
    /// </summary>
    private static (int I, int J) Split(int choice, in LeverArm arm) =>
        choice == 0 ? (0, 0) : arm.NLast == 1 ? (choice, 0) : Math.DivRem(choice, arm.NLast);

    /// <summary>Two-point line of lever-arm choice (i, j), evaluated at z.</summary>
    private double TwoPoint(RecoEvent e, in LeverArm arm, int projection, int choice, double zMm)
    {
        var (i, j) = Split(choice, arm);
        double z1 = _zMm[arm.First], z2 = _zMm[arm.Last];
        double u1 = Position(e, arm.First, projection, i), u2 = Position(e, arm.Last, projection, j);
        return u1 + (u2 - u1) * (zMm - z1) / (z2 - z1);
    }

    private void ChooseX(RecoEvent e, in LeverArm up, in LeverArm down, out int upChoice, out int downChoice)
    {
        upChoice = downChoice = 0;
        if (!up.Valid || !down.Valid || (up.Candidates == 1 && down.Candidates == 1)) return;
        var best = double.PositiveInfinity;
        for (var a = 0; a < up.Candidates; a++)
        {
            var xu = TwoPoint(e, up, 0, a, _zCentreMm);
            for (var b = 0; b < down.Candidates; b++)
            {
                var d = Math.Abs(xu - TwoPoint(e, down, 0, b, _zCentreMm));
                if (d < best) { best = d; upChoice = a; downChoice = b; }
            }
        }
    }

    private void ChooseY(RecoEvent e, in LeverArm up, in LeverArm down, out int upChoice, out int downChoice)
    {
        upChoice = downChoice = 0;
        if (!up.Valid || !down.Valid || (up.Candidates == 1 && down.Candidates == 1)) return;
        var best = double.PositiveInfinity;
        for (var a = 0; a < up.Candidates; a++)
        for (var b = 0; b < down.Candidates; b++)
        {
            var n = Collect(e, up, a, 1, 0);
            n = Collect(e, down, b, 1, n);
            var chi2 = LineFit.Of(_fitZ, _fitU, n, _inverseSigma2).Chi2;
            if (chi2 < best) { best = chi2; upChoice = a; downChoice = b; }
        }
    }

    private LineFit FitSide(RecoEvent e, in LeverArm arm, int choice, int projection)
    {
        if (!arm.Valid) return default;
        var n = Collect(e, arm, choice, projection, 0);
        return LineFit.Of(_fitZ, _fitU, n, _inverseSigma2);
    }

    /// <summary>Appends the hits of a lever-arm choice, plus the nearest cluster of each intermediate station, to the fit buffers.</summary>
    private int Collect(RecoEvent e, in LeverArm arm, int choice, int projection, int n)
    {
        var (i, j) = Split(choice, arm);
        _fitZ[n] = _zMm[arm.First];
        _fitU[n++] = Position(e, arm.First, projection, i);
        for (var st = arm.First + 1; st < arm.Last; st++)
        {
            var clusters = e.ClusterCount[st * 2 + projection];
            if (clusters == 0) continue;
            var predicted = TwoPoint(e, arm, projection, choice, _zMm[st]);
            var bestU = Position(e, st, projection, 0);
            for (var k = 1; k < clusters; k++)
            {
                var u = Position(e, st, projection, k);
                if (Math.Abs(u - predicted) < Math.Abs(bestU - predicted)) bestU = u;
            }
            _fitZ[n] = _zMm[st];
            _fitU[n++] = bestU;
        }
        _fitZ[n] = _zMm[arm.Last];
        _fitU[n++] = Position(e, arm.Last, projection, j);
        return n;
    }

    /// <summary>Least-squares line u = U0 + Slope · z (z in mm) with equal errors.</summary>
    private readonly struct LineFit
    {
        public readonly double U0, Slope, Chi2, ZMean, Szz;
        public readonly int N;

        private LineFit(double u0, double slope, double chi2, double zMean, double szz, int n)
        {
            U0 = u0; Slope = slope; Chi2 = chi2; ZMean = zMean; Szz = szz; N = n;
        }

        public double At(double zMm) => U0 + Slope * zMm;

        /// <summary>Variance of the fitted position at z: σ²(1/n + (z − z̄)²/Σ(z_i − z̄)²).</summary>
        public double Variance(double zMm, double sigma2) => sigma2 * (1.0 / N + (zMm - ZMean) * (zMm - ZMean) / Szz);

        public static LineFit Of(double[] z, double[] u, int n, double inverseSigma2)
        {
            if (n == 2) return OfTwo(z[0], z[1], u[0], u[1], inverseSigma2);
            double zm = 0, um = 0;
            for (var i = 0; i < n; i++) { zm += z[i]; um += u[i]; }
            var inverseN = 1.0 / n;
            zm *= inverseN;
            um *= inverseN;
            double szz = 0, szu = 0;
            for (var i = 0; i < n; i++)
            {
                var dz = z[i] - zm;
                szz += dz * dz;
                szu += dz * (u[i] - um);
            }
            var slope = szu / szz;
            var u0 = um - slope * zm;
            double chi2 = 0;
            for (var i = 0; i < n; i++)
            {
                var r = u[i] - (u0 + slope * z[i]);
                chi2 += r * r;
            }
            return new LineFit(u0, slope, chi2 * inverseSigma2, zm, szz, n);
        }

        /// <summary>
        /// <see cref="Of"/> for two points (the usual side of two stations), its loops written out: the same operations
        /// in the same order, so the same values, without the loop exits to predict.
        /// </summary>
        private static LineFit OfTwo(double z0, double z1, double u0, double u1, double inverseSigma2)
        {
            double zm = 0, um = 0;
            zm += z0;
            um += u0;
            zm += z1;
            um += u1;
            const double inverseN = 1.0 / 2;
            zm *= inverseN;
            um *= inverseN;
            double szz = 0, szu = 0;
            var dz0 = z0 - zm;
            szz += dz0 * dz0;
            szu += dz0 * (u0 - um);
            var dz1 = z1 - zm;
            szz += dz1 * dz1;
            szu += dz1 * (u1 - um);
            var slope = szu / szz;
            var intercept = um - slope * zm;
            double chi2 = 0;
            var r0 = u0 - (intercept + slope * z0);
            chi2 += r0 * r0;
            var r1 = u1 - (intercept + slope * z1);
            chi2 += r1 * r1;
            return new LineFit(intercept, slope, chi2 * inverseSigma2, zm, szz, 2);
        }
    }
}
