namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// The final state of one electro-nuclear interaction (<see cref="ElectroNuclear"/>): where it happened, the
/// electron's energy and angles to its incoming direction, and the hadrons'. Scratch storage of one generator, reused
/// by every event.
/// </summary>
internal sealed class ElectroNuclearProducts
{
    public bool Happened;
    public double ZM;
    public double ElectronGeV, ElectronSlopeX, ElectronSlopeY;
    public readonly PhotonHadrons Hadrons = new();
}
