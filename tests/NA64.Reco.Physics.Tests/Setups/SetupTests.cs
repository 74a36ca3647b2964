using System.Text;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Setups;

namespace NA64.Reco.Physics.Tests.Setups;

public sealed class SetupTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("na64-setups-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static string DefaultConditionsPath =>
        Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "Physics", "NA64.Reco.Physics", "Detector", "conditions-default.json");

    [Fact]
    public void The_default_conditions_file_loads_unchanged_as_the_invisible_setup()
    {
        var setup = Setup.Load(DefaultConditionsPath);
        var d = DetectorConditions.Default;
        Assert.Equal(SetupProgramme.Invisible, setup.Programme);
        Assert.Equal(d.Version, setup.Name);
        Assert.Equal(d.Hash, setup.Conditions.Hash);
        Assert.Equal(d.Id, setup.Conditions.Id);
        Assert.Equal(d.SourceJson, setup.Conditions.SourceJson);
        Assert.Equal(d.Id, setup.Id);
        Assert.Null(setup.Beam);
        Assert.Equal(d.Beam.EnergyGeV, setup.BeamEnergyGeV);
    }

    [Fact]
    public void The_built_in_invisible_setup_is_the_default_conditions()
    {
        var setup = SetupCatalog.Find(SetupCatalog.Invisible2016)!;
        Assert.Equal(SetupProgramme.Invisible, setup.Programme);
        Assert.Same(DetectorConditions.Default, setup.Conditions);
        Assert.Empty(setup.Selection);
        Assert.Null(setup.Signal);
        Assert.StartsWith("invisible-2016-1#", setup.Id);
    }

    [Fact]
    public void The_built_in_muon_setup_holds_the_first_result_s_beam_exposure_and_cuts()
    {
        var setup = SetupCatalog.Find(SetupCatalog.Na64Mu2022)!;
        Assert.Equal(SetupProgramme.Muon, setup.Programme);
        Assert.StartsWith("na64mu-2022-2#", setup.Id);
        Assert.Equal(("mu-", 160.0, 0.05), (setup.Beam!.Particle, setup.Beam.EnergyGeV, setup.Beam.MomentumSpread));
        var (incoming, outgoing) = (setup.Spectrometers!.Incoming, setup.Spectrometers.Outgoing);
        Assert.Equal(("MS1", 3.5, 0.1, 0.97, 1.0, 0.0224), (incoming.Name, incoming.FieldIntegralTm, incoming.PlaneResolutionMm, incoming.PlaneEfficiency, incoming.LeverArmM, incoming.MaterialX0));
        Assert.Equal(("MS2", 7.0, 0.1, 0.97, 1.0, 0.0224), (outgoing.Name, outgoing.FieldIntegralTm, outgoing.PlaneResolutionMm, outgoing.PlaneEfficiency, outgoing.LeverArmM, outgoing.MaterialX0));
        Assert.Equal(1.98e10, setup.Exposure!.OnTarget);
        Assert.Equal(0.02 / 1.98, setup.Exposure.RelativeUncertainty);
        var selection = MuonSelection.Of(setup);
        Assert.Equal(["incoming-momentum", "outgoing-momentum", "muon-leaves-ecal", "ecal-quiet", "hcal-quiet"], selection.CutNames);
        Assert.Equal(80, selection.MaxOutgoingGeV);
        Assert.Equal((140.0, 180.0), selection.IncomingRangeGeV);
        Assert.Equal([1, 2, 5, 10, 20, 40, 70, 100, 200, 500, 1000], setup.Signal!.MassesMeV);
        Assert.Equal([1e11, 1e12], setup.Signal.Projections);
        Assert.Equal((249e-11, 48e-11), (setup.Anomaly!.DeltaA, setup.Anomaly.Sigma));
        Assert.Same(DetectorConditions.Default, setup.Conditions);
        Assert.Equal(SetupCatalog.Names.Order(), SetupCatalog.Names.Select(n => SetupCatalog.Find(n)!.Name).Order());
    }

    [Fact]
    public void A_user_setup_file_with_inline_conditions_is_hashed_as_written()
    {
        var conditions = File.ReadAllText(DefaultConditionsPath).Replace("\"version\": \"na64-invisible-default-6\"", "\"version\": \"my-ecal\"");
        var text = SetupCatalog.Text(SetupCatalog.Na64Mu2022).Replace("\"conditions\": \"default\"", "\"conditions\": " + conditions);
        var path = Path.Combine(_dir.FullName, "mine.json");
        File.WriteAllText(path, text);
        var setup = SetupCatalog.Resolve(path);
        Assert.Equal("my-ecal", setup.Conditions.Version);
        Assert.Equal(DetectorConditions.Default.Ecal, setup.Conditions.Ecal);
        var inline = DetectorConditions.Parse(Encoding.UTF8.GetBytes(conditions.Trim()), "x");
        Assert.Equal(inline.Hash, setup.Conditions.Hash);
        Assert.NotEqual(SetupCatalog.Find(SetupCatalog.Na64Mu2022)!.Hash, setup.Hash);
    }

    [Theory]
    [InlineData("\"cut\": \"muon-leaves-ecal\"", "\"cut\": \"muon-leaves-hcal\"", "selection[2].cut", "unknown cut 'muon-leaves-hcal'")]
    [InlineData("{ \"cut\": \"muon-leaves-ecal\" }", "{ \"cut\": \"ecal-quiet\", \"parameters\": { \"maxMips\": 2 } }", "selection[3].cut", "'ecal-quiet' is listed twice (also at selection[2])")]
    [InlineData("{ \"cut\": \"outgoing-momentum\", \"parameters\": { \"maxGeV\": 80 } },", "", "selection", "needs the cut 'outgoing-momentum'")]
    [InlineData("\"maxGeV\": 80", "\"maxGeV\": 160", "selection[1].parameters.maxGeV", "must lie below the beam energy (160 GeV), got 160")]
    [InlineData("\"maxGeV\": 80", "\"maxMips\": 80", "selection[1].parameters.maxMips", "'outgoing-momentum' takes only 'maxGeV'")]
    [InlineData("{ \"cut\": \"muon-leaves-ecal\" }", "{ \"cut\": \"muon-leaves-ecal\", \"parameters\": { \"x\": 1 } }", "selection[2].parameters.x", "'muon-leaves-ecal' takes no parameters")]
    [InlineData("{ \"cut\": \"muon-leaves-ecal\" }", "{ \"cut\": \"muon-leaves-ecal\", \"detector\": \"V2\" }", "selection[2].detector", "'muon-leaves-ecal' reads its own detector: remove it")]
    [InlineData("\"minGeV\": 140", "\"minGeV\": 170", "selection[0].parameters", "the incoming window [170, 180] GeV must contain the beam energy (160 GeV)")]
    [InlineData("\"maxGeV\": 180", "\"maxGeV\": 130", "selection[0].parameters.maxGeV", "must lie above minGeV (140), got 130")]
    [InlineData("\"minGeV\": 140, ", "", "selection[0].parameters.minGeV", "is required")]
    [InlineData("\"planeEfficiency\": 0.97, \"leverArmM\": 1.0, \"materialX0\": 0.0224, \"source\": \"two", "\"leverArmM\": 1.0, \"materialX0\": 0.0224, \"source\": \"two", "spectrometers.outgoing.planeEfficiency", "is required")]
    [InlineData("\"onTarget\": 1.98e10, ", "", "exposure.onTarget", "is required")]
    [InlineData("\"momentumSpread\": 0.05", "\"momentumSpread\": 0.5", "beam.momentumSpread", "must be within")]
    [InlineData("\"fieldIntegralTm\": 7.0", "\"fieldIntegralTm\": 0", "spectrometers.outgoing.fieldIntegralTm", "must be within")]
    [InlineData("\"planeEfficiency\": 0.97, \"leverArmM\": 1.0, \"materialX0\": 0.0224, \"source\": \"two", "\"planeEfficiency\": 1.5, \"leverArmM\": 1.0, \"materialX0\": 0.0224, \"source\": \"two", "spectrometers.outgoing.planeEfficiency", "must be in (0, 1], got 1.5")]
    [InlineData("{ \"cut\": \"incoming-momentum\", \"parameters\": { \"minGeV\": 140, \"maxGeV\": 180 } },", "", "selection", "needs the cut 'incoming-momentum' when the setup has spectrometers")]
    [InlineData("\"name\": \"MS1\"", "\"name\": \"\"", "spectrometers.incoming.name", "must be a non-empty string")]
    [InlineData("\"materialX0\": 0.0224, \"source\": \"one", "\"materialX0\": 0.0005, \"source\": \"one", "spectrometers.incoming.materialX0", "must be 0 or at least 0.001")]
    [InlineData("\"programme\": \"muon\"", "\"programme\": \"hidden\"", "$.programme", "")]
    [InlineData("\"programme\": \"muon\"", "\"programme\": \"visible\"", "beam.particle", "must be 'e-' for this programme, got 'mu-'")]
    [InlineData("\"particle\": \"mu-\"", "\"particle\": \"e-\"", "beam.particle", "must be 'mu-' for this programme, got 'e-'")]
    [InlineData("\"conditions\": \"default\"", "\"conditions\": \"invisible-2016\"", "conditions", "must be \"default\"")]
    [InlineData("\"setup\": \"na64mu-2022\"", "\"setup\": \"NA64mu\"", "setup", "'NA64mu' is not 1..64 characters of [a-z0-9.-]")]
    [InlineData("\"deltaA\": 249e-11, \"sigma\": 48e-11", "\"deltaA\": 249e-11, \"sigma\": 0", "anomaly.sigma", "must be a finite number > 0, got 0")]
    [InlineData("\"massesMeV\": [1, 2, 5, 10, 20, 40, 70, 100, 200, 500, 1000]", "\"massesMeV\": [1, -2]", "signal.massesMeV[1]", "must be within")]
    public void A_bad_setup_is_one_error_naming_the_file_and_field(string from, string to, string field, string reason)
    {
        var text = SetupCatalog.Text(SetupCatalog.Na64Mu2022);
        Assert.Contains(from, text);
        var path = Path.Combine(_dir.FullName, "bad.json");
        File.WriteAllText(path, text.Replace(from, to));
        var e = Assert.Throws<ConditionsException>(() => SetupCatalog.Resolve(path));
        Assert.Equal(path, e.File);
        Assert.Equal(field, e.Field);
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void An_invisible_setup_takes_its_beam_and_cuts_from_its_conditions_only()
    {
        var text = SetupCatalog.Text(SetupCatalog.Invisible2016).Replace("\"conditions\": \"default\"",
            "\"conditions\": \"default\", \"beam\": { \"particle\": \"e-\", \"energyGeV\": 100, \"source\": \"x\" }");
        var e = Assert.Throws<ConditionsException>(() => Setup.Parse(Encoding.UTF8.GetBytes(text), "mine"));
        Assert.Equal(("mine", "beam"), (e.File, e.Field));
        Assert.Contains("conditions.beam", e.Reason);
    }

    [Fact]
    public void An_invisible_setup_takes_its_trackers_and_magnets_from_its_conditions_only()
    {
        var spectrometer = "{ \"name\": \"MS\", \"fieldIntegralTm\": 7, \"planeResolutionMm\": 0.1, \"planeEfficiency\": 1, \"leverArmM\": 1, \"materialX0\": 0, \"source\": \"x\" }";
        var text = SetupCatalog.Text(SetupCatalog.Invisible2016).Replace("\"conditions\": \"default\"",
            $"\"conditions\": \"default\", \"spectrometers\": {{ \"incoming\": {spectrometer}, \"outgoing\": {spectrometer} }}");
        var e = Assert.Throws<ConditionsException>(() => Setup.Parse(Encoding.UTF8.GetBytes(text), "mine"));
        Assert.Equal(("mine", "spectrometers"), (e.File, e.Field));
        Assert.Contains("conditions.micromegas", e.Reason);
    }

    [Fact]
    public void An_error_names_the_setup_or_for_its_inline_conditions_the_conditions()
    {
        var text = SetupCatalog.Text(SetupCatalog.Na64Mu2022);
        var e = Assert.Throws<ConditionsException>(() => Setup.Parse(Encoding.UTF8.GetBytes(text.Replace("\"energyGeV\": 160", "\"energyGeV\": 0")), "mine.json"));
        Assert.StartsWith("setup 'mine.json': field 'beam.energyGeV': ", e.Message);
        var conditions = File.ReadAllText(DefaultConditionsPath).Replace("\"efficiency\": 0.97", "\"efficiency\": 1.5");
        var inline = text.Replace("\"conditions\": \"default\"", "\"conditions\": " + conditions);
        e = Assert.Throws<ConditionsException>(() => Setup.Parse(Encoding.UTF8.GetBytes(inline), "mine.json"));
        Assert.StartsWith("conditions 'mine.json (conditions)': field 'micromegas.efficiency': ", e.Message);
    }

    [Fact]
    public void A_name_that_is_neither_built_in_nor_a_file_lists_the_built_ins()
    {
        var e = Assert.Throws<ConditionsException>(() => SetupCatalog.Resolve("na64mu-2099"));
        Assert.Equal("no such file, and no built-in setup of that name (invisible-2016, na64mu-2022, visible-2017, visible-2018)", e.Reason);
    }

    [Fact]
    public void The_muon_selection_reports_the_first_cut_failed_in_the_setup_s_order()
    {
        var selection = MuonSelection.Of(SetupCatalog.Find(SetupCatalog.Na64Mu2022)!);
        // Window [140, 180] GeV; thresholds one further MIP, 0.3 GeV in the ECAL and 2 GeV (one module's MIP) in the HCAL.
        Assert.Equal(5, selection.FirstFailed(160, true, 80, 0.29, 1.99));
        Assert.Equal(5, selection.FirstFailed(140, true, 60, 0, 0));
        Assert.Equal(0, selection.FirstFailed(139.9, true, 60, 0, 0));
        Assert.Equal(0, selection.FirstFailed(180.1, true, 60, 0, 0));
        Assert.Equal(0, selection.FirstFailed(double.PositiveInfinity, true, 60, 0, 0));
        Assert.Equal(1, selection.FirstFailed(160, false, 80.5, 5, 5));
        // A muon that stays in the ECAL has no outgoing track, so no outgoing momentum below the cut.
        Assert.Equal(1, selection.FirstFailed(160, false, double.NaN, 0, 0));
        Assert.Equal(2, selection.FirstFailed(160, false, 60, 0, 0));
        Assert.Equal(3, selection.FirstFailed(160, true, 60, 0.3, 0));
        Assert.Equal(4, selection.FirstFailed(160, true, 60, 0, 2.0));
    }

    [Theory]
    [InlineData(SetupCatalog.Visible2017, 100.0, 5.4e10)]
    [InlineData(SetupCatalog.Visible2018, 150.0, 3.0e10)]
    public void The_built_in_visible_setups_hold_their_run_s_beam_exposure_dump_and_cuts(string name, double energyGeV, double eot)
    {
        var setup = SetupCatalog.Find(name)!;
        Assert.Equal(SetupProgramme.Visible, setup.Programme);
        Assert.StartsWith($"{name}-2#", setup.Id);
        Assert.Equal(("e-", energyGeV), (setup.Beam!.Particle, setup.Beam.EnergyGeV));
        Assert.Equal(eot, setup.Exposure!.OnTarget);
        Assert.Equal(("WCAL", 74, 183.84, 19.3, 0.3504), (setup.Dump!.Name, setup.Dump.Z, setup.Dump.A, setup.Dump.DensityGPerCm3, setup.Dump.RadiationLengthCm));
        Assert.Equal((30.0, 15.0), (setup.Dump.DepthX0, setup.Dump.LengthCm));
        Assert.Equal((20.0, 300.0), (setup.DecayRegion!.StartCm, setup.DecayRegion.EndCm));
        Assert.Equal([("V2", 20.0, false), ("S4", 300.0, true)], setup.Counters.Select(c => (c.Name, c.ZCm, c.SeesPair(setup.DecayRegion))));
        // The counters respond as the default conditions' VETO counters, which their sources say.
        Assert.All(setup.Counters, c => Assert.Equal((DetectorConditions.Default.Veto.MipMeV, 0.15, DetectorConditions.Default.Veto.NoiseMeV), (c.MipMeV, c.MipSpread, c.NoiseMeV)));
        var selection = VisibleSelection.Of(setup);
        Assert.Equal(["v2-quiet", "s4-pair", "ecal-energy", "energy-sum"], selection.CutNames);
        Assert.Equal(energyGeV / 2, selection.MinEcalGeV);
        Assert.Equal("x", setup.Signal!.Model);
        Assert.Contains(16.7, setup.Signal.MassesMeV);
        Assert.Same(DetectorConditions.Default, setup.Conditions);
        // Its document travels to a worker whole, as the muon programme's does.
        Assert.Equal(setup.SourceJson, setup.PipelineJson);
    }

    [Theory]
    [InlineData("\"cut\": \"pair\"", "\"cut\": \"s4-pair\"", "selection[1].cut", "unknown cut 's4-pair' (the visible programme's are quiet and pair, each with the counter it reads as 'detector', ecal-energy and energy-sum)")]
    [InlineData("\"detector\": \"S4\"", "\"detector\": \"S5\"", "selection[1].detector", "no counter 'S5' in counters (the setup's are V2, S4)")]
    [InlineData("\"cut\": \"pair\", \"detector\": \"S4\"", "\"cut\": \"pair\"", "selection[1].detector", "is required: 'pair' reads one of the setup's counters (the setup's are V2, S4)")]
    [InlineData("\"detector\": \"S4\"", "\"detector\": \"V2\"", "selection[1].detector", "'pair' on V2, which lies before the decay region (zCm 20 <= decayRegion.startCm 20) and sees only its noise, would reject every signal event")]
    [InlineData("\"detector\": \"V2\"", "\"detector\": \"S4\"", "selection[0].detector", "'quiet' on S4, which the pair crosses (zCm 300 >= decayRegion.endCm 300), would reject every signal event")]
    [InlineData("\"cut\": \"ecal-energy\",", "\"cut\": \"ecal-energy\", \"detector\": \"S4\",", "selection[2].detector", "'ecal-energy' reads the calorimeters, not a counter: remove it")]
    [InlineData("{ \"name\": \"S4\", \"zCm\": 300,", "{ \"name\": \"V2\", \"zCm\": 300,", "counters[1].name", "'V2' is listed twice (also at counters[0])")]
    [InlineData("{ \"name\": \"S4\", \"zCm\": 300,", "{ \"name\": \"S4\", \"zCm\": 150,", "counters[1].zCm", "150 cm lies inside the decay region (20, 300) cm")]
    [InlineData("{ \"name\": \"S4\", \"zCm\": 300, \"mipMeV\": 8,", "{ \"name\": \"S4\", \"zCm\": 300, \"mipMeV\": 0,", "counters[1].mipMeV", "must be a finite number > 0, got 0")]
    [InlineData("{ \"name\": \"S4\",", "{ \"name\": \"S 4\",", "counters[1].name", "'S 4' is not 1..16 characters of [A-Za-z0-9]")]
    [InlineData("{ \"cut\": \"ecal-energy\", \"parameters\": { \"minGeV\": 50 } },", "", "selection", "needs the cut 'ecal-energy'")]
    [InlineData("\"minGeV\": 50", "\"minGeV\": 100", "selection[2].parameters.minGeV", "must lie below the beam energy (100 GeV), got 100")]
    [InlineData("\"minMips\": 1.5, \"maxMips\": 3", "\"minMips\": 3, \"maxMips\": 1.5", "selection[1].parameters.maxMips", "must lie above minMips (3), got 1.5")]
    [InlineData("\"maxSigma\": 3", "\"maxMips\": 3", "selection[3].parameters.maxMips", "'energy-sum' takes only 'maxSigma'")]
    [InlineData("\"lengthCm\": 15", "\"lengthCm\": 10", "dump.lengthCm", "must be at least its depth in absorber (30 X0 of 0.3504 cm = 10.512 cm), got 10")]
    [InlineData("\"startCm\": 20, \"endCm\": 300", "\"startCm\": 20, \"endCm\": 20", "decayRegion.endCm", "must lie beyond decayRegion.startCm (20 cm), got 20")]
    [InlineData("\"particle\": \"e-\"", "\"particle\": \"mu-\"", "beam.particle", "must be 'e-' for this programme, got 'mu-'")]
    [InlineData("\"model\": \"x\"", "\"model\": \"zprime\"", "signal.model", "must be 'x' for this programme, got 'zprime'")]
    [InlineData("\"depthX0\": 30", "\"depthX0\": 0.5", "dump.depthX0", "must be within")]
    [InlineData("\"interactionLengthCm\": 9.946", "\"interactionLengthCm\": 0.3", "dump.interactionLengthCm", "must lie above the radiation length (0.3504 cm) and at most 1e5, got 0.3")]
    [InlineData("\"materialX0\": 0.0092", "\"materialX0\": 2", "decayRegion.materialX0", "must be within [0, 1], got 2")]
    [InlineData("\"materialX0\": 0.0092, ", "", "decayRegion.materialX0", "is required")]
    public void A_bad_visible_setup_is_one_error_naming_the_field(string from, string to, string field, string reason)
    {
        var text = SetupCatalog.Text(SetupCatalog.Visible2017);
        Assert.Contains(from, text);
        var e = Assert.Throws<ConditionsException>(() => Setup.Parse(Encoding.UTF8.GetBytes(text.Replace(from, to)), "mine.json"));
        Assert.Equal(("mine.json", field), (e.File, e.Field));
        Assert.Contains(reason, e.Reason);
    }

    [Theory]
    [InlineData(15, 0, "counters", "lists 17 counters, at most 16")]
    [InlineData(7, 5, "selection", "lists 9 cuts, at most 8")]
    public void A_visible_setup_holds_at_most_16_counters_and_8_cuts(int extraCounters, int extraCuts, string field, string reason)
    {
        // Counters V10, V11, … between the dump and V2, each with its own quiet cut if asked.
        var text = SetupCatalog.Text(SetupCatalog.Visible2017);
        var counters = string.Concat(Enumerable.Range(10, extraCounters).Select(i =>
            $"{{ \"name\": \"V{i}\", \"zCm\": 1, \"mipMeV\": 8, \"mipSpread\": 0.15, \"noiseMeV\": 0.5, \"source\": \"a test\" }}, "));
        var cuts = string.Concat(Enumerable.Range(10, extraCuts).Select(i => $"{{ \"cut\": \"quiet\", \"detector\": \"V{i}\", \"parameters\": {{ \"maxMips\": 0.5 }} }}, "));
        text = text.Replace("\"counters\": [", "\"counters\": [" + counters).Replace("\"selection\": [", "\"selection\": [" + cuts);
        var e = Assert.Throws<ConditionsException>(() => Setup.Parse(Encoding.UTF8.GetBytes(text), "mine.json"));
        Assert.Equal((field, reason), (e.Field, e.Reason));
    }

    [Fact]
    public void A_dump_or_a_decay_region_belongs_to_the_visible_programme_only()
    {
        var dump = SetupCatalog.Text(SetupCatalog.Visible2017);
        var start = dump.IndexOf("\"dump\":", StringComparison.Ordinal);
        var block = dump[start..(dump.IndexOf("\"exposure\":", StringComparison.Ordinal))];
        var muon = SetupCatalog.Text(SetupCatalog.Na64Mu2022).Replace("\"conditions\": \"default\",", "\"conditions\": \"default\", " + block);
        var e = Assert.Throws<ConditionsException>(() => Setup.Parse(Encoding.UTF8.GetBytes(muon), "mine.json"));
        Assert.Equal("dump", e.Field);
        var invisible = SetupCatalog.Text(SetupCatalog.Invisible2016).Replace("\"conditions\": \"default\"", "\"conditions\": \"default\", " + block.TrimEnd().TrimEnd(','));
        e = Assert.Throws<ConditionsException>(() => Setup.Parse(Encoding.UTF8.GetBytes(invisible), "mine.json"));
        Assert.Equal("dump", e.Field);
        var counters = dump[dump.IndexOf("\"counters\":", StringComparison.Ordinal)..dump.IndexOf("\"exposure\":", StringComparison.Ordinal)];
        e = Assert.Throws<ConditionsException>(() => Setup.Parse(Encoding.UTF8.GetBytes(SetupCatalog.Text(SetupCatalog.Na64Mu2022).Replace("\"conditions\": \"default\",", "\"conditions\": \"default\", " + counters)), "mine.json"));
        Assert.Equal("counters", e.Field);
        var anomaly = dump.Replace("\"conditions\": \"default\",", "\"conditions\": \"default\", \"anomaly\": { \"deltaA\": 1e-9, \"sigma\": 1e-10, \"source\": \"x\" },");
        e = Assert.Throws<ConditionsException>(() => Setup.Parse(Encoding.UTF8.GetBytes(anomaly), "mine.json"));
        Assert.Equal("anomaly", e.Field);
    }

    [Fact]
    public void The_visible_selection_reports_the_first_cut_failed_in_the_setup_s_order()
    {
        var selection = VisibleSelection.Of(SetupCatalog.Find(SetupCatalog.Visible2017)!);
        // V2 below 0.5 MIP, S4 within [1.5, 3] MIPs, E_ECAL at least 50 GeV, the sum within 3 sigma.
        var counters = new double[2];
        int FirstFailed(double v2, double s4, double ecal, double pull)
        {
            (counters[0], counters[1]) = (v2, s4);
            return selection.FirstFailed(counters, ecal, pull);
        }
        Assert.Equal(4, FirstFailed(0, 2, 80, 0));
        Assert.Equal(4, FirstFailed(0.49, 1.5, 50, -2.99));
        Assert.Equal(4, FirstFailed(0.49, 3, 50, 2.99));
        Assert.Equal(0, FirstFailed(0.5, 2, 80, 0));
        Assert.Equal(1, FirstFailed(0, 1.49, 80, 0));
        Assert.Equal(1, FirstFailed(0, 3.01, 10, 9));
        Assert.Equal(2, FirstFailed(0, 2, 49.9, 0));
        Assert.Equal(3, FirstFailed(0, 2, 80, -3));
        Assert.Equal(3, FirstFailed(0, 2, 80, double.NaN));
    }
}
