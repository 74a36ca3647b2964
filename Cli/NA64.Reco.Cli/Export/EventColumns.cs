using Apache.Arrow;
using Apache.Arrow.Ipc;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Reconstruction;
using NA64.Reco.Physics.Selection;

namespace NA64.Reco.Cli.Export;

/// <summary>
/// The exported quantities of a chunk's selected events, column by column, written as one Arrow IPC file
/// (docs/campaign-spec.md "Event export"). Energies of the calorimeters in GeV, SRD and VETO in MeV, as in RecoEvent;
/// missing quantities are NaN. Not thread-safe: one per chunk.
/// </summary>
public sealed class EventColumns
{
    /// <summary>Column names in file order.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "sample", "run", "spill", "event", "weight", "truth_flags", "last_cut", "momentum_gev", "track_chi2", "ecal_gev", "preshower_gev",
        "hcal_gev", "veto_max_mev", "srd_e1_mev", "srd_e2_mev", "srd_e3_mev", "shower_chi2", "ecal_x_mm", "ecal_y_mm",
    ];

    private readonly string _sample;
    private readonly int _run;
    private readonly int _spill;
    private readonly List<long> _event = [];
    private readonly List<int> _truthFlags = [];
    private readonly List<byte> _lastCut = [];
    private readonly List<double>[] _doubles;

    private const int Weight = 0, Momentum = 1, TrackChi2 = 2, Ecal = 3, Preshower = 4, Hcal = 5, VetoMax = 6, Srd1 = 7, Srd2 = 8, Srd3 = 9,
        ShowerChi2 = 10, EcalX = 11, EcalY = 12, DoubleCount = 13;

    public EventColumns(string sample, int run, int spill)
    {
        _sample = sample;
        _run = run;
        _spill = spill;
        _doubles = new List<double>[DoubleCount];
        for (var i = 0; i < DoubleCount; i++) _doubles[i] = [];
    }

    public int Rows => _event.Count;

    /// <summary>Appends one event (amortised: the lists grow by doubling, no allocation per event).</summary>
    public void Add(RawEvent raw, RecoEvent reco, Cut lastCut)
    {
        _event.Add(raw.EventNumber);
        _truthFlags.Add(raw.HasTruth ? (int)raw.Truth.Flags : 0);
        _lastCut.Add((byte)lastCut);
        _doubles[Weight].Add(raw.HasTruth ? raw.Truth.Weight : 1.0);
        _doubles[Momentum].Add(reco.MomentumGeV);
        _doubles[TrackChi2].Add(reco.TrackChi2);
        _doubles[Ecal].Add(reco.EcalTotalGeV);
        _doubles[Preshower].Add(reco.EcalPreshowerGeV);
        _doubles[Hcal].Add(reco.HcalTotalGeV);
        _doubles[VetoMax].Add(reco.VetoMaxMeV);
        _doubles[Srd1].Add(reco.SrdEnergyMeV.Length > 0 ? reco.SrdEnergyMeV[0] : double.NaN);
        _doubles[Srd2].Add(reco.SrdEnergyMeV.Length > 1 ? reco.SrdEnergyMeV[1] : double.NaN);
        _doubles[Srd3].Add(reco.SrdEnergyMeV.Length > 2 ? reco.SrdEnergyMeV[2] : double.NaN);
        _doubles[ShowerChi2].Add(reco.EcalShapeChi2);
        _doubles[EcalX].Add(reco.EcalCentreXMm);
        _doubles[EcalY].Add(reco.EcalCentreYMm);
    }

    /// <summary>The columns as one record batch.</summary>
    public RecordBatch ToRecordBatch()
    {
        var n = Rows;
        var sample = new StringArray.Builder();
        var run = new Int32Array.Builder();
        var spill = new Int32Array.Builder();
        var lastCut = new StringArray.Builder();
        for (var i = 0; i < n; i++)
        {
            sample.Append(_sample);
            run.Append(_run);
            spill.Append(_spill);
            lastCut.Append(CutNames.Name((Cut)_lastCut[i]));
        }
        var arrays = new List<IArrowArray>
        {
            sample.Build(), run.Build(), spill.Build(),
            new Int64Array.Builder().AppendRange(_event).Build(),
            Doubles(Weight),
            new Int32Array.Builder().AppendRange(_truthFlags).Build(),
            lastCut.Build(),
        };
        for (var k = Momentum; k < DoubleCount; k++) arrays.Add(Doubles(k));
        var schema = new Schema.Builder();
        for (var i = 0; i < Names.Count; i++) schema.Field(new Field(Names[i], arrays[i].Data.DataType, nullable: false));
        return new RecordBatch(schema.Build(), arrays, n);
    }

    /// <summary>Writes the Arrow IPC file (the "Feather v2" file format) to a temporary name, then renames it: a rerun
    /// of the chunk after a crash replaces the file whole.</summary>
    public void WriteFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        using (var batch = ToRecordBatch())
        using (var stream = File.Create(temp))
        using (var writer = new ArrowFileWriter(stream, batch.Schema))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }
        File.Move(temp, path, overwrite: true);
    }

    private DoubleArray Doubles(int k) => new DoubleArray.Builder().AppendRange(_doubles[k]).Build();
}
