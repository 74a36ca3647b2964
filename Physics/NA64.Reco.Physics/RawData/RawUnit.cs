namespace NA64.Reco.Physics.RawData;

/// <summary>The unit of a detector's stored values (docs/raw-format.md, "Conventions").</summary>
public enum RawUnit : byte
{
    /// <summary>Deposited energy, pedestal-subtracted, in keV.</summary>
    KiloElectronVolt = 0,
    /// <summary>Time relative to the trigger, in picoseconds.</summary>
    Picosecond = 1,
    /// <summary>Amplitude in ADC counts.</summary>
    AdcCount = 2,
}
