namespace IdReissue.Application.Ports;

/// <summary>Work to do after the unit of work is written (and only then), retried until done.</summary>
public interface IOutbox
{
    /// <param name="deduplicationKey">The same key enqueues the work once.</param>
    void Enqueue(string kind, object payload, DateTimeOffset now, DateTimeOffset? availableAt = null, string? deduplicationKey = null);
}
