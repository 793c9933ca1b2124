using IdReissue.Application.Ports;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence.Stores;

/// <summary>The request's DbContext as its unit of work: what the stores loaded and added is written by one SaveChanges.</summary>
public sealed class EfUnitOfWork(IdReissueDbContext db) : IUnitOfWork
{
    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

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
