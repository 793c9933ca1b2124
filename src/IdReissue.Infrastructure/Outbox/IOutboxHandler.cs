using IdReissue.Application.Common;

namespace IdReissue.Infrastructure.Outbox;

/// <summary>
/// Runs one kind of outbox message, resolved in the message's own scope: changes made through that scope's unit
/// of work (its DbContext, the application layer's stores) commit together with the message being marked
/// processed; effects outside the database must be idempotent (keyed by the message id), because a node can die
/// after the effect and before the commit.
/// </summary>
public interface IOutboxHandler
{
    string Kind { get; }

    Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>Done, or to be run again later (e.g. a payment not settled yet).</summary>
public sealed record OutboxOutcome(DateTimeOffset? RunAgainAt, string? Note = null)
{
    public static OutboxOutcome Done { get; } = new((DateTimeOffset?)null);

    public static OutboxOutcome Again(DateTimeOffset at, string note) => new(at, note);

    /// <summary>The application layer's answer for its follow-up work, as the outbox keeps it.</summary>
    public static OutboxOutcome From(FollowUp followUp)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        return new(followUp.AgainAt, followUp.Note);
    }
}
