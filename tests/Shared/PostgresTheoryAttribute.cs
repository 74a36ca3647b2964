namespace NA64.Reco.Tests.Shared;

/// <summary>The theory form of <see cref="PostgresFactAttribute"/>: skipped without PostgreSQL binaries except under <c>CI=true</c>.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.FindBinaries() is null && !ContinuousIntegration.Required)
            Skip = "PostgreSQL not installed (/usr/lib/postgresql/*/bin): apt-get install postgresql, or run under CI=true to make this a failure";
    }
}
