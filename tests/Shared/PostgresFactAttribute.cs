namespace NA64.Reco.Tests.Shared;

/// <summary>
/// A test that needs PostgreSQL binaries: skipped with the reason when they are absent on a developer
/// machine, but never under <c>CI=true</c>, where their absence makes the test fail.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.FindBinaries() is null && !ContinuousIntegration.Required)
            Skip = "PostgreSQL not installed (/usr/lib/postgresql/*/bin): apt-get install postgresql, or run under CI=true to make this a failure";
    }
}
