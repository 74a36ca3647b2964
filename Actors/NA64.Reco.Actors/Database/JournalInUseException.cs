namespace NA64.Reco.Actors.Database;

/// <summary>Another process holds the journal: refused before anything started.</summary>
public sealed class JournalInUseException(string message) : Exception(message);
