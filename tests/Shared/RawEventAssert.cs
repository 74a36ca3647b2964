using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Tests.Shared;

/// <summary>Field-by-field equality of two raw events, with the field named on failure (compiled into every test project that needs it).</summary>
internal static class RawEventAssert
{
    public static void Equal(RawEvent expected, RawEvent actual)
    {
        Assert.Equal(expected.EventNumber, actual.EventNumber);
        Assert.Equal(expected.MicromegasHitCount, actual.MicromegasHitCount);
        var n = expected.MicromegasHitCount;
        Assert.Equal(expected.MicromegasPlane.AsSpan(0, n).ToArray(), actual.MicromegasPlane.AsSpan(0, n).ToArray());
        Assert.Equal(expected.MicromegasChannel.AsSpan(0, n).ToArray(), actual.MicromegasChannel.AsSpan(0, n).ToArray());
        Assert.Equal(expected.MicromegasAmplitude.AsSpan(0, n).ToArray(), actual.MicromegasAmplitude.AsSpan(0, n).ToArray());
        Assert.Equal(expected.SrdEnergyKeV, actual.SrdEnergyKeV);
        Assert.Equal(expected.SrdTimePs, actual.SrdTimePs);
        Assert.Equal(expected.EcalPreshowerKeV, actual.EcalPreshowerKeV);
        Assert.Equal(expected.EcalMainKeV, actual.EcalMainKeV);
        Assert.Equal(expected.HcalKeV, actual.HcalKeV);
        Assert.Equal(expected.VetoKeV, actual.VetoKeV);
        Assert.Equal(expected.HasTruth, actual.HasTruth);
        Assert.Equal(expected.Truth, actual.Truth);
    }
}
