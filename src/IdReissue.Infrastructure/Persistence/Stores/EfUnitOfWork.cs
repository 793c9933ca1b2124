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
