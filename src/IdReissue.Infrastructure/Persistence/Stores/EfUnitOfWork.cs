using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence.Stores;

/// <summary>The request's DbContext as its unit of work: what the stores loaded and added is written by one SaveChanges.</summary>
public sealed class EfUnitOfWork(IdReissueDbContext db) : IUnitOfWork
{
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A version moved under us: the caller is told to reload and try again, in the words every feature uses.
            throw ApplicationProblems.ConcurrentUpdate.ToException();
        }
    }

    public async Task<bool> SaveUnlessTakenAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SaveAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public void DiscardChanges() => db.ChangeTracker.Clear();

    public async Task<bool> SaveIfStillAsync(string lockName, Func<CancellationToken, Task<bool>> stillHolds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lockName);
        ArgumentNullException.ThrowIfNull(stillHolds);
        // On SQLite this begins with BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default), so the writer's lock is taken before
        // anything is read: a second such save waits for the first to commit, then reads what it wrote.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            // Taken before the save, and so before the audit chain's own lock: every such save takes the two in one order.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockIdOf(lockName)})", cancellationToken);
        }

        await SaveAsync(cancellationToken);
        if (!await stillHolds(cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>A stable advisory-lock key for the name (the same on every node and every release).</summary>
    private static long LockIdOf(string lockName) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("idreissue:" + lockName)));

    public async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // A unique key taken or a version moved by a concurrent writer: nothing of ours was written.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
