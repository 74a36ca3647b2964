using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NA64.Reco.Actors.Inputs;
using NA64.Reco.Actors.Reconstruction;
using NA64.Reco.Actors.Spill;
using NA64.Reco.Messages.Campaign;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Actors.Campaign;

/// <summary>
/// A spec expanded into its spills, in a deterministic order with stable ids: the same spec and inputs give the same
/// plan on any machine, which is what lets a restarted campaign find its place in the journal. MC spills are computed
/// from their ordinal when asked for, never stored: a plan of 10⁷ spills costs what its spec costs.
/// </summary>
public sealed class CampaignPlan
{
    private readonly int[] _sampleStarts;
    private readonly Dictionary<string, int> _sampleIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inputIndex = new(StringComparer.Ordinal);
    private readonly int _mcSpills;

    private CampaignPlan(CampaignSpec spec, IReadOnlyList<InputFile> inputs)
    {
        Spec = spec;
        SpecHash = spec.Hash;
        Inputs = inputs;
        _sampleStarts = new int[spec.Samples.Count];
        long total = 0;
        for (var i = 0; i < spec.Samples.Count; i++)
        {
            _sampleStarts[i] = (int)total;
            _sampleIndex[spec.Samples[i].Name] = i;
            total += spec.Samples[i].Spills;
        }
        total += inputs.Count;
        if (total > MaxSpills) throw new CampaignSpecException(spec.Id, "inputs", $"{total} spills in all; a campaign holds at most {MaxSpills}");
        _mcSpills = (int)(total - inputs.Count);
        for (var i = 0; i < inputs.Count; i++) _inputIndex[inputs[i].SpillId] = i;
        Spills = new SpillList(this);
        InputDigest = Digest(SpecHash, inputs);
    }

    /// <summary>Spills of one campaign at most: what an ordinal (and the coordinator's bit set of done spills) can hold.</summary>
    public const int MaxSpills = 100_000_000;

    /// <summary>Raw spill files in a folder are found by this extension (the one <c>na64 generate</c> writes).</summary>
    public const string RawFileExtension = ".na64raw";

    public CampaignSpec Spec { get; }
    public string CampaignId => Spec.Id;
    public string SpecHash { get; }

    /// <summary>The raw files of a reprocessing campaign, as found at submission (empty for MC).</summary>
    public IReadOnlyList<InputFile> Inputs { get; }

    /// <summary>SHA-256 over the spec hash and every input file's id, path, size and header digest.</summary>
    public string InputDigest { get; }

    /// <summary>Every spill in campaign order (MC samples in spec order, then the raw files); computed on access.</summary>
    public IReadOnlyList<SpillRef> Spills { get; }

    /// <summary>MC sample names in spec order (present in results even if empty); raw files name their samples in their headers.</summary>
    public IReadOnlyList<string> SampleNames => Spec.Samples.Select(s => s.Name).ToArray();

    public SpillRef? Find(string spillId) => OrdinalOf(spillId) is var i and >= 0 ? Spills[i] : null;

    /// <summary>The spill's position in campaign order, or -1 when the plan has no such spill.</summary>
    public int OrdinalOf(string spillId)
    {
        if (_inputIndex.TryGetValue(spillId, out var input)) return _mcSpills + input;
        // MC ids are "<sample>-r<run>-s<spill, at least 5 digits>" (see McSpill).
        var s = spillId.LastIndexOf("-s", StringComparison.Ordinal);
        var r = s < 0 ? -1 : spillId.LastIndexOf("-r", s, StringComparison.Ordinal);
        if (r <= 0 || !_sampleIndex.TryGetValue(spillId[..r], out var sample)) return -1;
        var spec = Spec.Samples[sample];
        if (!int.TryParse(spillId.AsSpan(s + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var spill) || spill >= spec.Spills) return -1;
        var ordinal = _sampleStarts[sample] + spill;
        return McSpill(ordinal).SpillId == spillId ? ordinal : -1;
    }

    /// <summary>A plan whose raw inputs were listed before (at submission): nothing is read from the disk.</summary>
    public static CampaignPlan FromInputs(CampaignSpec spec, IReadOnlyList<InputFile> inputs)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(inputs);
        return new CampaignPlan(spec, inputs);
    }

    /// <summary>
    /// MC: sample after sample in spec order, spills 0..n-1. Raw: entries in spec order, a folder's files sorted by
    /// ordinal name, each described by <paramref name="catalog"/> (size and header digest). Relative paths resolve
    /// against <paramref name="baseDirectory"/> (null: the first of <paramref name="roots"/>), and every path must lie
    /// under <paramref name="roots"/> (null: anywhere). Reads the disk: never in an actor's message handler.
    /// </summary>
    public static CampaignPlan Expand(CampaignSpec spec, string? baseDirectory, ISpillCatalog? catalog = null, DataRoots? roots = null) =>
        new(spec, spec.Raw.Count == 0 ? [] : ListInputs(spec, baseDirectory, catalog ?? throw new ArgumentNullException(nameof(catalog)), roots));

    /// <summary>
    /// The raw files the spec names, in campaign order. A path outside the data roots (after links), a folder that
    /// cannot be listed, a path that is neither file nor folder, or two files of one spill id are a
    /// <see cref="CampaignSpecException"/> naming the entry.
    /// </summary>
    public static IReadOnlyList<InputFile> ListInputs(CampaignSpec spec, string? baseDirectory, ISpillCatalog catalog, DataRoots? roots = null)
    {
        roots ??= DataRoots.Unrestricted;
        var inputs = new List<InputFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Raw.Count; i++)
        {
            var field = $"inputs.raw[{i}]";
            var entry = roots.Resolve(spec.Raw[i], baseDirectory, spec.Id, field);
            // Ids: a folder's files by their path below it (sub-folders may reuse file names), a file by its name.
            List<(string File, string Id)> files;
            try
            {
                if (Directory.Exists(entry))
                {
                    var list = Directory.GetFiles(entry, "*" + RawFileExtension, SearchOption.AllDirectories);
                    Array.Sort(list, StringComparer.Ordinal);
                    if (list.Length == 0) throw new CampaignSpecException(spec.Id, field, $"folder '{entry}' holds no *{RawFileExtension} files");
                    files = list.Select(f => (f, Path.ChangeExtension(Path.GetRelativePath(entry, f), null).Replace('\\', '/'))).ToList();
                }
                else if (File.Exists(entry))
                {
                    files = [(entry, Path.GetFileNameWithoutExtension(entry))];
                }
                else
                {
                    throw new CampaignSpecException(spec.Id, field, $"'{entry}' is neither a file nor a folder");
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                throw new CampaignSpecException(spec.Id, field, $"'{entry}' cannot be listed: {ex.Message}");
            }
            foreach (var (file, id) in files)
            {
                roots.Check(file, spec.Id, field);
                if (!seen.Add(id)) throw new CampaignSpecException(spec.Id, field, $"two spill files are named '{id}' (the spill id)");
                if (inputs.Count >= MaxSpills) throw new CampaignSpecException(spec.Id, field, $"more than {MaxSpills} files");
                try
                {
                    if (!RegularFile.Is(file)) throw new CampaignSpecException(spec.Id, field, $"'{file}' is not a regular file");
                    // No valid header: recorded as such (""); the spill is quarantined with the format error when it is read.
                    inputs.Add(new InputFile(id, file, new FileInfo(file).Length, catalog.HeaderDigest(file) ?? ""));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new CampaignSpecException(spec.Id, field, $"'{file}' cannot be read: {ex.Message}");
                }
                catch (CorruptSpillException ex)
                {
                    throw new CampaignSpecException(spec.Id, field, $"'{file}' is not a spill file: {ex.Message}");
                }
            }
        }
        return inputs;
    }

    private SpillRef McSpill(int ordinal)
    {
        var sample = Array.BinarySearch(_sampleStarts, ordinal);
        if (sample < 0) sample = ~sample - 1;
        // Samples of zero spills share their start with the next one: take the last sample starting here.
        while (sample + 1 < _sampleStarts.Length && _sampleStarts[sample + 1] == ordinal) sample++;
        var spec = Spec.Samples[sample];
        var spill = ordinal - _sampleStarts[sample];
        var id = string.Create(CultureInfo.InvariantCulture, $"{spec.Name}-r{spec.Run}-s{spill:D5}");
        return new SpillRef(id, ordinal, spec.Name, spec.Descriptor, spec.Run, spill, spec.EventsPerSpill);
    }

    private SpillRef RawSpill(int ordinal)
    {
        var input = Inputs[ordinal - _mcSpills];
        return new SpillRef(input.SpillId, ordinal, SampleDescriptor.RealData.Name, SampleDescriptor.RealData, 0, 0, 0, input);
    }

    private static string Digest(string specHash, IReadOnlyList<InputFile> inputs)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(specHash));
        foreach (var f in inputs)
            sha.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"\n{f.SpillId}\t{f.Path}\t{f.Size}\t{f.HeaderDigest}")));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The spills of a plan as a list, each made when it is read.</summary>
    private sealed class SpillList(CampaignPlan plan) : IReadOnlyList<SpillRef>
    {
        public int Count { get; } = plan._mcSpills + plan.Inputs.Count;

        public SpillRef this[int index] =>
            (uint)index >= (uint)Count ? throw new ArgumentOutOfRangeException(nameof(index))
            : index < plan._mcSpills ? plan.McSpill(index) : plan.RawSpill(index);

        public IEnumerator<SpillRef> GetEnumerator()
        {
            for (var i = 0; i < Count; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
