using NA64.Reco.Node.Cli;

return Na64Cli.Build().Parse(args).Invoke();
