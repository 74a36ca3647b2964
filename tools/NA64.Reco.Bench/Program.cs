using NA64.Reco.Bench;

return BenchCommand.Create().Parse(args).Invoke();
