namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// One photo-nuclear absorption in the ECAL (<see cref="ShowerPhotoNuclear"/>): the photon's energy, the depth where
/// it was absorbed, and its hadrons. Scratch storage of one generator, reused by every event.
/// </summary>
internal sealed class ShowerPhotoNuclearProducts
{
    public bool Happened;
    public double PhotonGeV;
    public double DepthX0;
    public readonly PhotonHadrons Hadrons = new();
}
