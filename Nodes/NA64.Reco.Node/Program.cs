using System.CommandLine;

var root = new RootCommand("na64: NA64 reconstruction — generate, reconstruct and analyse spill data");
return root.Parse(args).Invoke();
