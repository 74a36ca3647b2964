namespace NA64.Reco.Physics.RawData;

/// <summary>
/// One event's digitised hits, decoded into reusable fixed-capacity buffers (no allocation per event), one
/// <see cref="RawSection"/> per detector of its <see cref="SpillFileLayout"/>. Amplitudes are pedestal-subtracted
/// integers: calorimeters and SRD in keV, Micromegas in ADC counts; times in picoseconds relative to the trigger. Cells
/// below zero suppression read 0. The detectors the invisible-mode reconstruction reads have fields of their own; a
/// detector the layout lacks has an empty array there (and no Micromegas hits).
/// </summary>
public sealed class RawEvent
{
    /// <summary>Most Micromegas channels above threshold stored per event (all planes together).</summary>
    public const int MaxMicromegasHits = RawDetector.MaxHits;
    /// <summary>Micromegas planes: station × 2 + (0 for X, 1 for Y).</summary>
    public const int MaxMicromegasPlanes = 32;

    private readonly RawSection[] _sections;
    private readonly RawSection _micromegas;

    /// <summary>An event with a section for every detector of <paramref name="layout"/>.</summary>
    public RawEvent(SpillFileLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        _sections = new RawSection[layout.Detectors.Count];
        for (var i = 0; i < _sections.Length; i++) _sections[i] = new RawSection(layout.Detectors[i]);
        // Without Micromegas in the layout the hit fields are an empty list that holds no hit.
        _micromegas = Find(RawDetector.Micromegas, RawEncoding.Hits)
            ?? new RawSection(new RawDetector(RawDetector.Micromegas, RawEncoding.Hits, RawUnit.AdcCount, 1, 1), hitCapacity: 0);
        MicromegasPlane = _micromegas.Plane;
        MicromegasChannel = _micromegas.Channel;
        MicromegasAmplitude = _micromegas.Amplitude;
        SrdEnergyKeV = Cells(RawDetector.SrdEnergy);
        SrdTimePs = Cells(RawDetector.SrdTime);
        EcalPreshowerKeV = Cells(RawDetector.EcalPreshower);
        EcalMainKeV = Cells(RawDetector.EcalMain);
        HcalKeV = Cells(RawDetector.Hcal);
        VetoKeV = Cells(RawDetector.Veto);
    }

    /// <summary>The detectors this event holds data for, in file order.</summary>
    public SpillFileLayout Layout { get; }

    /// <summary>The sections, in the order of <see cref="Layout"/>.</summary>
    public IReadOnlyList<RawSection> Sections => _sections;

    /// <summary>Event number within the spill, 0-based.</summary>
    public long EventNumber;

    public int MicromegasHitCount
    {
        get => _micromegas.HitCount;
        set => _micromegas.HitCount = value;
    }

    public readonly byte[] MicromegasPlane;
    public readonly byte[] MicromegasChannel;
    public readonly ushort[] MicromegasAmplitude;

    public readonly int[] SrdEnergyKeV;
    public readonly int[] SrdTimePs;
    /// <summary>ECAL preshower section, cell index = iy × nx + ix.</summary>
    public readonly int[] EcalPreshowerKeV;
    /// <summary>ECAL main section, cell index = iy × nx + ix.</summary>
    public readonly int[] EcalMainKeV;
    /// <summary>HCAL, index = module × cellsPerModule + iy × nx + ix.</summary>
    public readonly int[] HcalKeV;
    public readonly int[] VetoKeV;

    public bool HasTruth;
    public McTruth Truth;

    /// <summary>The section of the detector named <paramref name="name"/>, or null when the layout has none.</summary>
    public RawSection? Section(string name)
    {
        foreach (var s in _sections)
            if (s.Detector.Name == name) return s;
        return null;
    }

    /// <summary>Resets all hits and truth, keeping the buffers.</summary>
    public void Clear()
    {
        EventNumber = 0;
        foreach (var s in _sections) s.Clear();
        HasTruth = false;
        Truth = default;
    }

    /// <summary>Appends one Micromegas channel hit; false when the buffer is full (or the layout has no Micromegas).</summary>
    public bool AddMicromegasHit(int plane, int channel, int amplitude) => _micromegas.AddHit(plane, channel, amplitude);

    /// <summary>Creates an event sized for the given conditions.</summary>
    public static RawEvent For(Detector.DetectorConditions c) => new(SpillFileLayout.From(c));

    internal RawSection SectionAt(int index) => _sections[index];

    private RawSection? Find(string name, RawEncoding encoding) => Section(name) is { } s && s.Detector.Encoding == encoding ? s : null;

    private int[] Cells(string name) => Find(name, RawEncoding.Cells)?.Values ?? [];
}
