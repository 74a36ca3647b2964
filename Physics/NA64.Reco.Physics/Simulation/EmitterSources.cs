using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Simulation;

/// <summary>Where <see cref="EventGenerator"/> gets a forced A' emission (the <see cref="APrimeEmitter"/> by default; a stand-in in tests).</summary>
internal delegate APrimeEmission APrimeSource(ref EventRandom rng, double beamEnergyGeV);

/// <summary>Where <see cref="EventGenerator"/> gets a dimuon pair (the <see cref="DimuonEmitter"/> by default; a stand-in in tests).</summary>
internal delegate DimuonEmission DimuonSource(ref EventRandom rng, double beamEnergyGeV);
