using NA64.Reco.Messages.Campaign;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Actors.Campaign;

/// <summary>
/// A spec expanded into its spills, in a deterministic order with stable ids: the same spec gives the
/// same plan on any machine, which is what lets a restarted campaign find its place in the journal.
/// </summary>
public sealed class CampaignPlan
{
    private readonly Dictionary<string, SpillRef> _byId;

    private CampaignPlan(CampaignSpec spec, IReadOnlyList<SpillRef> spills)
    {
        Spec = spec;
        SpecHash = spec.Hash;
        Spills = spills;
        _byId = new Dictionary<string, SpillRef>(spills.Count, StringComparer.Ordinal);
        foreach (var s in spills) _byId.Add(s.SpillId, s);
    }

    public CampaignSpec Spec { get; }
    public string CampaignId => Spec.Id;
    public string SpecHash { get; }
    public IReadOnlyList<SpillRef> Spills { get; }

    public SpillRef? Find(string spillId) => _byId.GetValueOrDefault(spillId);

    /// <summary>Sample names in spec order (raw data: <c>data</c>).</summary>
    public IReadOnlyList<string> SampleNames => Spec.Samples.Count > 0 ? Spec.Samples.Select(s => s.Name).ToArray() : [SampleDescriptor.RealData.Name];

    /// <summary>
    /// MC: sample after sample in spec order, spills 0..n-1. Raw: entries in spec order, a folder's files
    /// sorted by ordinal name. Relative paths resolve against <paramref name="baseDirectory"/>.
    /// </summary>
    public static CampaignPlan Expand(CampaignSpec spec, string baseDirectory)
    {
        var spills = new List<SpillRef>();
        foreach (var sample in spec.Samples)
        {
            for (var spill = 0; spill < sample.Spills; spill++)
            {
                var id = FormattableString.Invariant($"{sample.Name}-r{sample.Run}-s{spill:D5}");
                spills.Add(new SpillRef(id, spills.Count, sample.Name, sample.Descriptor, sample.Run, spill, null, sample.EventsPerSpill));
            }
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Raw.Count; i++)
        {
            var entry = Path.GetFullPath(spec.Raw[i], baseDirectory);
            IEnumerable<string> files;
            if (Directory.Exists(entry))
            {
                var list = Directory.GetFiles(entry).Where(f => !Path.GetFileName(f).StartsWith('.')).ToList();
                list.Sort(StringComparer.Ordinal);
                if (list.Count == 0) throw new CampaignSpecException(spec.Id, $"inputs.raw[{i}]", $"folder '{entry}' holds no files");
                files = list;
            }
            else if (File.Exists(entry))
            {
                files = [entry];
            }
            else
            {
                throw new CampaignSpecException(spec.Id, $"inputs.raw[{i}]", $"'{entry}' is neither a file nor a folder");
            }
            foreach (var f in files)
            {
                var id = Path.GetFileNameWithoutExtension(f);
                if (!seen.Add(id)) throw new CampaignSpecException(spec.Id, $"inputs.raw[{i}]", $"two spill files are named '{id}' (the spill id)");
                spills.Add(new SpillRef(id, spills.Count, SampleDescriptor.RealData.Name, SampleDescriptor.RealData, 0, 0, f, 0));
            }
        }
        return new CampaignPlan(spec, spills);
    }
}
