using System.CommandLine;

namespace NA64.Reco.Bench.Tests;

/// <summary>Invokes the real <c>na64-bench</c> command tree in-process and captures what it prints.</summary>
internal static class BenchRunner
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = BenchCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
