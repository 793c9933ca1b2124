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

    /// <summary>
    /// Writes the changes inside a transaction that every save of the same <paramref name="lockName"/> takes in turn
    /// (PostgreSQL: an advisory lock held to the commit; SQLite: its single writer, taken at the transaction's start), then
    /// asks <paramref name="stillHolds"/> inside it, where it reads these changes and everything every earlier such save
    /// wrote. When it answers false the transaction is rolled back, the changes are discarded and this answers false.
    /// For a rule across rows (an enabled administrator remains) that a check before the save cannot keep when two
    /// requests check at the same moment and both save.
    /// </summary>
    Task<bool> SaveIfStillAsync(string lockName, Func<CancellationToken, Task<bool>> stillHolds, CancellationToken cancellationToken);

    /// <summary>Forgets every change not yet written (a command refused half-way), so what is read next is what stands.</summary>
    void DiscardChanges();
}
