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

    /// <summary>Raw spill files in a folder are found by this extension (the one <c>na64 generate</c> writes).</summary>
    public const string RawFileExtension = ".na64raw";

    public SpillRef? Find(string spillId) => _byId.GetValueOrDefault(spillId);

    /// <summary>MC sample names in spec order (present in results even if empty); raw files name their samples in their headers.</summary>
    public IReadOnlyList<string> SampleNames => Spec.Samples.Select(s => s.Name).ToArray();

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
            // Ids: a folder's files by their path below it (sub-folders may reuse file names), a file by its name.
            IEnumerable<(string File, string Id)> files;
            if (Directory.Exists(entry))
            {
                var list = Directory.GetFiles(entry, "*" + RawFileExtension, SearchOption.AllDirectories);
                Array.Sort(list, StringComparer.Ordinal);
                if (list.Length == 0) throw new CampaignSpecException(spec.Id, $"inputs.raw[{i}]", $"folder '{entry}' holds no *{RawFileExtension} files");
                files = list.Select(f => (f, Path.ChangeExtension(Path.GetRelativePath(entry, f), null).Replace('\\', '/')));
            }
            else if (File.Exists(entry))
            {
                files = [(entry, Path.GetFileNameWithoutExtension(entry))];
            }
            else
            {
                throw new CampaignSpecException(spec.Id, $"inputs.raw[{i}]", $"'{entry}' is neither a file nor a folder");
            }
            foreach (var (f, id) in files)
            {
                if (!seen.Add(id)) throw new CampaignSpecException(spec.Id, $"inputs.raw[{i}]", $"two spill files are named '{id}' (the spill id)");
                spills.Add(new SpillRef(id, spills.Count, SampleDescriptor.RealData.Name, SampleDescriptor.RealData, 0, 0, f, 0));
            }
        }
        return new CampaignPlan(spec, spills);
    }
}
