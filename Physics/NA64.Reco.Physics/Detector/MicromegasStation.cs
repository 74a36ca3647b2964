namespace NA64.Reco.Physics.Detector;

/// <summary>One Micromegas station (an X and a Y plane) at position z along the beam.</summary>
public sealed record MicromegasStation
{
    public required string Name { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("zM")]
    public required double ZM { get; init; }
    /// <summary>Transverse position of the station centre (downstream stations sit on the deflected beam).</summary>
    public required double CentreXMm { get; init; }
    public required double CentreYMm { get; init; }
}
