using System.CommandLine;

namespace NA64.Reco.Cli.Commands;

/// <summary>The <c>na64</c> command tree, built once here so that tests invoke exactly what the executable does.</summary>
public static class Na64Cli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("na64: NA64 reconstruction — generate, reconstruct and analyse spill data");
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(RecoCommand.Create());
        root.Subcommands.Add(LimitCommand.Create());
        root.Subcommands.Add(ZPrimeReachCommand.Create());
        root.Subcommands.Add(VisibleReachCommand.Create());
        root.Subcommands.Add(SetupsCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(NodeCommand.Create());
        root.Subcommands.Add(CmdCommand.Create());
        root.Subcommands.Add(SubmitCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(ResultsCommand.Create());
        return root;
    }
}
