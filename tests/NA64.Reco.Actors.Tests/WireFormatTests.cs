using System.Diagnostics;
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Akka.TestKit.Xunit2;
using Hyperion;
using NA64.Reco.Messages;
using NA64.Reco.Messages.Campaign;
using NA64.Reco.Messages.Serialization;
using NA64.Reco.Messages.Spill;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Summary;
using Akka.Util;
using Newtonsoft.Json;

namespace NA64.Reco.Actors.Tests;

/// <summary>The Hyperion wire format and the guarded JSON inside a real ActorSystem: bindings, round trips, and the allow-list.</summary>
public sealed class WireFormatTests() : TestKit(Na64Serialization.Hocon)
{
    [Fact]
    public void Every_message_type_is_an_INa64Message_and_passes_the_type_filter()
    {
        var assembly = typeof(INa64Message).Assembly;
        var messageTypes = assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.Namespace != typeof(Na64HyperionSerializer).Namespace).ToArray();
        Assert.NotEmpty(messageTypes);
        var notMessages = messageTypes.Where(t => !typeof(INa64Message).IsAssignableFrom(t)).Select(t => t.FullName).ToArray();
        Assert.Empty(notMessages);
        var refused = messageTypes.Where(t => !Na64TypeFilter.IsAllowedType(t)).Select(t => t.FullName).ToArray();
        Assert.Empty(refused);
    }

    [Fact]
    public void Every_message_type_has_a_sample_here()
    {
        var sampled = Samples().Select(s => s.GetType()).ToHashSet();
        var missing = typeof(INa64Message).Assembly.GetExportedTypes()
            .Where(t => typeof(INa64Message).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false } && !sampled.Contains(t))
            .Select(t => t.FullName).ToArray();
        Assert.Empty(missing); // a new message: add a sample to Samples() so that its round trip is tested
    }

    [Fact]
    public void Messages_bind_to_the_hyperion_serializer_and_persisted_events_to_json()
    {
        foreach (var message in Samples())
        {
            var serializer = Sys.Serialization.FindSerializerFor(message);
            if (Na64Serialization.PersistedTypes.Contains(message.GetType()))
                Assert.IsType<Na64JsonSerializer>(serializer);
            else
                Assert.Equal(Na64HyperionSerializer.Id, serializer.Identifier);
        }
        Assert.IsType<Na64HyperionSerializer>(Sys.Serialization.FindSerializerForType(typeof(INa64Message)));
    }

    [Fact]
    public void Every_message_round_trips_equal_through_its_bound_serializer()
    {
        foreach (var message in Samples())
        {
            var serializer = Sys.Serialization.FindSerializerFor(message);
            var bytes = serializer.ToBinary(message);
            var manifest = serializer.IncludeManifest ? message.GetType() : null;
            var back = serializer.FromBinary(bytes, manifest);
            Assert.IsType(message.GetType(), back);
            // Deep comparison through an independent serializer: EventSummary and arrays have no value equality.
            Assert.Equal(Deep(message), Deep(back));
        }
    }

    [Fact]
    public void A_summary_travels_compressed_and_bit_identical()
    {
        var summary = FilledSummary();
        var message = new SpillProtocol.SpillDone("c", "s", SummaryCodec.Encode(summary), new SampleDescriptor(SampleKind.Beam, 0, 0, 3));
        var serializer = Sys.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        var back = (SpillProtocol.SpillDone)serializer.FromBinary(bytes, null);
        Assert.Equal(summary.Fingerprint(), SummaryCodec.Decode(back.Summary).Fingerprint());
        // Raw, a summary is ~250 kB of longs: more than Akka's default 128 kB remoting frame.
        Assert.InRange(bytes.Length, 1, 4000);
    }

    [Fact]
    public void Summary_encoding_is_the_deflated_zero_run_form_and_reads_journals_of_the_dense_form()
    {
        var summary = FilledSummary();
        var rng = new Random(7);
        for (var i = 0; i < 3000; i++)
        {
            summary.Momentum.Fill(rng.NextDouble() * 150);
            summary.EcalVsHcalAll.Fill(rng.NextDouble() * 120, rng.NextDouble() * 30);
        }
        using var canonical = new MemoryStream();
        using (var w = new BinaryWriter(canonical, System.Text.Encoding.UTF8, leaveOpen: true)) summary.WriteCanonical(w);

        // The format: version byte, then the zero-run form of the canonical bytes, deflated (zlib may cut its blocks
        // differently when fed in other pieces, so the compressed bytes themselves are not the contract).
        var encoded = SummaryCodec.Encode(summary);
        Assert.Equal(SummaryCodec.Version, encoded[0]);
        using var inflated = new MemoryStream();
        using (var inflate = new System.IO.Compression.DeflateStream(new MemoryStream(encoded, 1, encoded.Length - 1), System.IO.Compression.CompressionMode.Decompress))
            inflate.CopyTo(inflated);
        var expanded = new byte[EventSummary.CanonicalLength];
        Assert.Equal(expanded.Length, ZeroRuns.Decode(inflated.ToArray(), expanded));
        Assert.Equal(canonical.ToArray(), expanded);

        // Events journaled before the writes were buffered (one deflate call per value) decode to the same summary.
        using var old = new MemoryStream();
        old.WriteByte(SummaryCodec.DenseVersion);
        using (var deflate = new System.IO.Compression.DeflateStream(old, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new BinaryWriter(deflate))
            summary.WriteCanonical(w);
        Assert.Equal(summary.Fingerprint(), SummaryCodec.Decode(old.ToArray()).Fingerprint());
        Assert.Equal(summary.Fingerprint(), SummaryCodec.Decode(encoded).Fingerprint());
    }

    [Fact]
    public void Per_sample_summaries_arrive_in_ordinal_order_whatever_dictionary_was_sent()
    {
        var samples = new Dictionary<string, EventSummary> { ["signal-16.7MeV"] = FilledSummary(), ["Beam"] = new(), ["beam"] = new() { Events = 3 } };
        var message = new CampaignProtocol.CampaignFinished("c", "h", samples, [], 3, 3, 0, []);
        var serializer = Sys.Serialization.FindSerializerFor(message);
        var back = (CampaignProtocol.CampaignFinished)serializer.FromBinary(serializer.ToBinary(message), null);
        Assert.Equal(["Beam", "beam", "signal-16.7MeV"], back.Samples.Keys);
        Assert.Equal(3, back.Samples["beam"].Events);
        Assert.Equal(samples["signal-16.7MeV"].Fingerprint(), back.Samples["signal-16.7MeV"].Fingerprint());
    }

    [Fact]
    public void An_actor_ref_travels_as_its_path_and_resolves_back()
    {
        var serializer = Sys.Serialization.FindSerializerForType(typeof(INa64Message));
        var probe = CreateTestProbe("wire-probe");
        var back = serializer.FromBinary(serializer.ToBinary(probe.Ref), null);
        Assert.Equal(probe.Ref, back);
        ((IActorRef)back).Tell("ping");
        probe.ExpectMsg("ping");
    }

    [Fact]
    public void A_payload_naming_Process_is_refused_and_counted()
    {
        // Hyperion cannot serialize a live Process (its module list defeats it), so the payload is a decoy
        // serialized by plain Hyperion with the type name swapped: exactly the bytes an attacker would send.
        var decoy = Unrestricted(new Decoy());
        var hostile = Renamed(decoy, typeof(Decoy), typeof(Process));
        AssertRefused(hostile, "System.Diagnostics.Process");
    }

    [Fact]
    public void A_payload_naming_FileInfo_is_refused_and_counted()
    {
        AssertRefused(Unrestricted(new FileInfo("/etc/passwd")), "System.IO.FileInfo");
    }

    [Fact]
    public void A_framework_type_outside_Hyperions_deny_list_is_refused_by_the_allow_list()
    {
        // Version is harmless and Hyperion's own deny-list lets it through: only the allow-list stops it.
        AssertRefused(Unrestricted(new Version(1, 2, 3)), "System.Version");
        // As the argument of an allowed collection: refused as well.
        AssertRefused(Unrestricted(new Dictionary<string, Uri> { ["x"] = new("http://example.org") }), "System.Uri");
    }

    [Fact]
    public void Persisted_events_are_the_json_of_akkas_stock_serializer_byte_for_byte_and_read_back()
    {
        var stock = new NewtonSoftJsonSerializer((ExtendedActorSystem)Sys);
        foreach (var message in Samples().Where(m => Na64Serialization.PersistedTypes.Contains(m.GetType())))
        {
            var bytes = stock.ToBinary(message);
            Assert.Equal(bytes, Sys.Serialization.FindSerializerFor(message).ToBinary(message));
            // As the journal reads a row: by serializer id and manifest.
            var back = Sys.Serialization.Deserialize(bytes, Na64JsonSerializer.Id, message.GetType().TypeQualifiedName());
            Assert.Equal(Deep(message), Deep(back));
        }
        Assert.Equal(0, WireRefusals.Get(Sys).Total);
    }

    [Fact]
    public void Json_naming_a_type_outside_the_allow_list_is_refused_before_anything_is_created()
    {
        var process = """{"$type":"System.Diagnostics.Process, System.Diagnostics.Process","StartInfo":{"FileName":"/bin/true"}}"""u8.ToArray();
        AssertRefused(process, Na64JsonSerializer.Id, "System.Object", "System.Diagnostics.Process");
        // Nested inside an admitted event, and as the root type the envelope names.
        var nested = $$$"""{"$type":"{{{typeof(CampaignEvents.CampaignSnapshot).TypeQualifiedName()}}}","CampaignId":"c","Quarantined":{"$type":"{{{typeof(CampaignEvents.SpillQuarantined[]).TypeQualifiedName()}}}","$values":[{"$type":"System.IO.FileInfo, System.Private.CoreLib","OriginalPath":"/etc/passwd"}]}}""";
        AssertRefused(System.Text.Encoding.UTF8.GetBytes(nested), Na64JsonSerializer.Id, "System.Object", "System.IO.FileInfo");
        AssertRefused("""{"FullPath":"/etc/passwd"}"""u8.ToArray(), Na64JsonSerializer.Id, "System.IO.FileInfo, System.Private.CoreLib", "System.IO.FileInfo");
        Assert.Equal(3, WireRefusals.Get(Sys).Total);
    }

    private void AssertRefused(byte[] payload, string typeName) => AssertRefused(payload, Na64HyperionSerializer.Id, null, typeName);

    private void AssertRefused(byte[] payload, int serializerId, string? manifest, string typeName)
    {
        var before = WireRefusals.Get(Sys).Total;
        // Through the serializer id, as remoting and the journal look it up.
        var e = Assert.Throws<RefusedPayloadException>(() => { Sys.Serialization.Deserialize(payload, serializerId, manifest); });
        Assert.Contains(typeName, e.Message);
        Assert.Equal(before + 1, WireRefusals.Get(Sys).Total);
    }

    /// <summary>What a hostile peer sends: plain Hyperion with every type allowed.</summary>
    private static byte[] Unrestricted(object value)
    {
        var permissive = new Hyperion.Serializer(SerializerOptions.Default.WithDisallowUnsafeType(false).WithTypeFilter(DisabledTypeFilter.Instance));
        using var buffer = new MemoryStream();
        permissive.Serialize(value, buffer);
        return buffer.ToArray();
    }

    /// <summary>The payload with the length-prefixed name of <paramref name="from"/> replaced by that of <paramref name="to"/>.</summary>
    private static byte[] Renamed(byte[] payload, Type from, Type to)
    {
        var oldName = System.Text.Encoding.UTF8.GetBytes(ShortName(from));
        var newName = System.Text.Encoding.UTF8.GetBytes(ShortName(to));
        var at = payload.AsSpan().IndexOf(oldName);
        Assert.True(at >= 4, "the decoy's type name is not in its payload");
        Assert.Equal(oldName.Length, BitConverter.ToInt32(payload, at - 4)); // Hyperion: int32 length, then UTF-8
        var result = new List<byte>(payload[..(at - 4)]);
        result.AddRange(BitConverter.GetBytes(newName.Length));
        result.AddRange(newName);
        result.AddRange(payload[(at + oldName.Length)..]);
        return result.ToArray();
    }

    private static string ShortName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    private static string Deep(object value) => JsonConvert.SerializeObject(value, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All });

    private static EventSummary FilledSummary()
    {
        var s = new EventSummary { Eot = 123_456_789_012, Spills = 1, Events = 4321 };
        for (var i = 0; i < s.CutFlow.Length; i++)
        {
            s.CutFlow[i] = 4321 - 7 * i;
            s.WeightedCutFlow[i] = FixedPointWeight.FromDouble(1e-3 * (i + 1)) * 77;
            s.WeightedSquaredCutFlow[i] = -((Int128)1 << 100) + i;
        }
        s.TruthElectrons = 11;
        s.ClosureWithin3Sigma = 5;
        s.SourceInSignalBox[3] = 2;
        s.Momentum.Fill(99.5);
        s.SrdEnergy.Fill(42);
        s.EcalVsHcal.Fill(30, 70);
        s.EcalVsHcalAll.Fill(90, 5);
        return s;
    }

    /// <summary>No fields: its payload is a type name and nothing else.</summary>
    private sealed class Decoy;

    /// <summary>One instance of every message type, with every field set to something that is not a default.</summary>
    private static IEnumerable<INa64Message> Samples()
    {
        var sample = new SampleDescriptor(SampleKind.Signal, 16.7, 1e-4, 0xDEAD_BEEF_CAFE_F00DUL);
        var spill = new SpillRef("signal-r1-s00003", 7, "signal-16.7MeV", sample, 1, 3, 1000);
        var input = new InputFile("data-r9-s00001", "/data/run9/spill1.na64raw", 123_456, new string('d', 64));
        var rawSpill = new SpillRef("data-r9-s00001", 0, "data", SampleDescriptor.RealData, 9, 1, 0, input);
        var quarantine = new QuarantineEntry("data-r9-s00001", "data", "/data/run9/spill1.na64raw", 4096, "bad block checksum", 1234);
        var summary = FilledSummary();
        var encoded = SummaryCodec.Encode(summary);
        var progress = new CampaignProtocol.CampaignProgress("camp", 30, 12, 1, 2, 5, 120_000, 121_000, quarantine, 3);
        var quarantinedEvent = new CampaignEvents.SpillQuarantined("s9", "data", "/f", 17, "why", 99);
        var conditions = new CampaignConditions("v#abc", new string('e', 64), "{\"version\": \"v\"}");

        yield return spill;
        yield return rawSpill;
        yield return input;
        yield return quarantine;
        yield return conditions;
        yield return new SpillProtocol.ProcessSpill("camp.signal-r1-s00003", "camp", spill, 400, conditions.Hash);
        yield return new SpillProtocol.SpillDone("camp", "signal-r1-s00003", SummaryCodec.Encode(summary), new SampleDescriptor(SampleKind.Signal, 16.7, 1e-4, 5));
        yield return new SpillProtocol.SpillFailed("camp", quarantine);
        yield return new SpillProtocol.SpillHeld("camp", "data-r9-s00001", "/data/run9/spill1.na64raw", "IOException: gone");
        yield return new SpillProtocol.SpillInterrupted("camp", "beam-r1-s00003");
        yield return new SpillProtocol.GetConditions("camp", conditions.Hash);
        yield return new CampaignEvents.CampaignStarted("camp", "abc123", 30);
        yield return new CampaignEvents.SpillCompleted("s1", "beam", encoded);
        yield return new CampaignEvents.SpillCompleted("s1", "beam", encoded, 2, new SampleDescriptor(SampleKind.Beam, 0, 0, 11));
        yield return quarantinedEvent;
        yield return new CampaignEvents.CampaignSnapshot("camp", "abc123", ["s1", "s2"], [quarantinedEvent], [new CampaignEvents.SampleTotal("beam", encoded)]);
        yield return new CampaignEvents.CampaignCheckpoint("camp", "abc123", 30, [0b1011, 0, 0, 0x20], [quarantinedEvent], [new CampaignEvents.SampleTotal("beam", encoded, new SampleDescriptor(SampleKind.Beam, 0, 0, 11))]);
        yield return new CampaignEvents.SampleTotal("beam", encoded);
        yield return CampaignProtocol.GetCampaignStatus.Instance;
        yield return progress;
        yield return new CampaignProtocol.CampaignFinished("camp", "abc123",
            new SortedDictionary<string, EventSummary>(StringComparer.Ordinal) { ["beam"] = summary, ["Signal"] = new EventSummary() },
            [quarantine], 30, 29, 1234,
            [new CampaignProtocol.SampleIdentity("beam", new SampleDescriptor(SampleKind.Beam, 0, 0, 11), FromFiles: false),
             new CampaignProtocol.SampleIdentity("Signal", SampleDescriptor.RealData, FromFiles: true)]);
        yield return new CampaignProtocol.SampleIdentity("beam", new SampleDescriptor(SampleKind.Beam, 0, 0, 11), FromFiles: false);
        yield return new CampaignProtocol.CampaignRejected("camp", "other spec");
        yield return new CampaignProtocol.CampaignStalled("camp", [new CampaignProtocol.HeldSpill("data-r9-s00001", "/data/f", "IOException: gone")]);
        yield return new CampaignProtocol.HeldSpill("data-r9-s00001", "/data/f", "IOException: gone");
        yield return new CampaignManagerProtocol.SubmitCampaign("{\"id\":\"camp\"}", "/specs", "{\"version\": \"v\"}");
        yield return new CampaignManagerProtocol.CampaignAccepted("camp", "abc123", true, "inputs differ");
        yield return new CampaignManagerProtocol.CampaignCommandFailed("no such campaign");
        yield return CampaignManagerProtocol.ListCampaigns.Instance;
        yield return new CampaignManagerProtocol.FinishedCampaign(new CampaignProtocol.CampaignFinished("camp", "abc123",
            new SortedDictionary<string, EventSummary>(StringComparer.Ordinal) { ["beam"] = summary }, [], 1, 1, 0,
            [new CampaignProtocol.SampleIdentity("beam", new SampleDescriptor(SampleKind.Beam, 0, 0, 11), FromFiles: false)]), conditions, "{\"id\": \"camp\"}");
        yield return new CampaignManagerProtocol.CampaignList([new CampaignManagerProtocol.CampaignListEntry("camp", "running", progress, 1234.5, null, "v#abc")]);
        yield return new CampaignManagerProtocol.CampaignListEntry("camp", "failed", progress, 0.25, "journal", "v#abc");
        yield return new CampaignManagerProtocol.GetCampaign("camp");
        yield return new CampaignManagerProtocol.PauseCampaign("camp");
        yield return new CampaignManagerProtocol.ResumeCampaign("camp");
        yield return new CampaignManagerProtocol.CancelCampaign("camp");
        yield return new CampaignManagerProtocol.GetCampaignResults("camp");
        yield return CampaignManagerProtocol.GetServiceHealth.Instance;
        yield return new CampaignManagerProtocol.ServiceHealth(3, 1);
        yield return new CampaignManagerEvents.CampaignSubmitted("camp", "abc123", "{\"id\":\"camp\"}", "/specs", "/results/camp");
        yield return new CampaignManagerEvents.CampaignAdmitted("camp", "abc123", "{\"id\":\"camp\"}", conditions, [input], new string('f', 64));
        yield return new CampaignManagerEvents.CampaignStateChanged("camp", "failed", "journal");
        yield return CampaignControl.PauseDispatch.Instance;
        yield return CampaignControl.ResumeDispatch.Instance;
    }
}
