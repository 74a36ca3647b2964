using System.CommandLine;

var root = new RootCommand("na64: NA64 reconstruction — generate, reconstruct and analyse spill data");
root.Subcommands.Add(NA64.Reco.Node.Cli.RunCommand.Create());
return root.Parse(args).Invoke();
