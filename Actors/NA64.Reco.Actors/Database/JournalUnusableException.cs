namespace NA64.Reco.Actors.Database;

/// <summary>The journal's database cannot be used as given (cannot be created, not a database, corrupt): one line naming it.</summary>
public sealed class JournalUnusableException(string message, Exception? inner = null) : Exception(message, inner);
