namespace NA64.Reco.Cli.Export;

/// <summary>The file format of an event export: Arrow IPC (Feather v2) or Parquet, both zstd-compressed.</summary>
public enum ExportFormat
{
    Arrow,
    Parquet,
}
