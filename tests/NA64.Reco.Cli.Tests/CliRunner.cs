using System.CommandLine;
using NA64.Reco.Cli.Commands;

namespace NA64.Reco.Cli.Tests;

/// <summary>Invokes the real <c>na64</c> command tree in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Na64Cli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
