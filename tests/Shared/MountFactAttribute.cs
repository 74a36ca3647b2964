namespace NA64.Reco.Tests.Shared;

/// <summary>
/// A test that mounts small file systems (<see cref="MountedFolder"/>): skipped, with the reason, where this machine does
/// not allow it (not root, not Linux), but never under <c>CI=true</c>, where the test then fails.
/// </summary>
public sealed class MountFactAttribute : FactAttribute
{
    public MountFactAttribute()
    {
        if (!MountedFolder.Available && !ContinuousIntegration.Required)
            Skip = "needs root on Linux to mount a tmpfs (full and read-only file systems); run under CI=true to make this a failure";
    }
}
