using System.Reflection;

namespace NA64.Reco.Results;

/// <summary>The code version recorded in every result (assembly informational version, with the git commit when built from a checkout).</summary>
public static class CodeVersion
{
    public static string Value { get; } =
        typeof(CodeVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
