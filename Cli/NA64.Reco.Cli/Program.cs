using NA64.Reco.Cli.Commands;

return Na64Cli.Build().Parse(args).Invoke();
