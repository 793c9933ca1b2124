namespace IdReissue.Application.Ports;

/// <summary>One request's changes, written together or not at all.</summary>
public interface IUnitOfWork
{
    Task SaveAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes the changes, or — when a concurrent writer got there first (a unique key taken, a version
    /// moved) — discards them all and answers false, so the caller can read what stands and answer with it.
    /// </summary>
    Task<bool> TrySaveAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes the changes, or — when a unique key they need is already taken (the same thing claimed at the same
    /// moment elsewhere) — discards them all and answers false. A moved version still refuses as concurrent_update.
    /// </summary>
    Task<bool> SaveUnlessTakenAsync(CancellationToken cancellationToken);

    /// <summary>Forgets every change not yet written (a command refused half-way), so what is read next is what stands.</summary>
    void DiscardChanges();
}
