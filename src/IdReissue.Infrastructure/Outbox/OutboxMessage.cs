namespace IdReissue.Infrastructure.Outbox;

/// <summary>
/// A unit of background work, written in the same transaction as the state change that calls for it,
/// so it exists exactly when the change does. Nodes claim it with a lease; whoever finishes it marks
/// it processed in the transaction of its own effects.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>Which handler runs it, e.g. "applicant.notify".</summary>
    public required string Kind { get; set; }

    /// <summary>JSON; holds references, never personal data.</summary>
    public required string Payload { get; set; }

    /// <summary>When set, at most one message with this key is ever written.</summary>
    public string? DeduplicationKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Not to be run before this time (delays, retries).</summary>
    public DateTimeOffset AvailableAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>The node holding the lease, until <see cref="LockedUntil"/>.</summary>
    public string? LockedBy { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>Gave up after too many attempts: needs a person.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    public string? LastError { get; set; }
}
