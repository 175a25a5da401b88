namespace Deeg.Policy.History;

/// <summary>What went wrong with a history store.</summary>
public enum HistoryErrorKind
{
    /// <summary>The store could not be opened or created (missing directory, read-only file, server unreachable, not a history store).</summary>
    CannotOpen,

    /// <summary>The store was written by a newer version with a schema this version does not understand; it was left untouched.</summary>
    NewerSchema,

    /// <summary>A run could not be written (disk full, read-only, connection lost); the store is as it was before the run.</summary>
    WriteFailed,

    /// <summary>The store could not be read.</summary>
    ReadFailed,
}

/// <summary>A history store that cannot be opened, read or written; the message says which store and why.</summary>
public sealed class HistoryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">The message, naming the store.</param>
    /// <param name="inner">The driver's exception, if any.</param>
    public HistoryException(HistoryErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    /// <summary>Creates the exception (kind <see cref="HistoryErrorKind.CannotOpen"/>).</summary>
    public HistoryException()
        : this(HistoryErrorKind.CannotOpen, "the history store cannot be opened")
    {
    }

    /// <summary>Creates the exception (kind <see cref="HistoryErrorKind.CannotOpen"/>).</summary>
    /// <param name="message">The message.</param>
    public HistoryException(string message)
        : this(HistoryErrorKind.CannotOpen, message)
    {
    }

    /// <summary>Creates the exception (kind <see cref="HistoryErrorKind.CannotOpen"/>).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HistoryException(string message, Exception innerException)
        : this(HistoryErrorKind.CannotOpen, message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public HistoryErrorKind Kind { get; }
}
