using IdReissue.Domain.Accounts;
using IdReissue.Domain.Applications;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Sandbox;
using IdReissue.Infrastructure.Sandbox.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IdReissue.Infrastructure.Security.Protection;

/// <summary>
/// Rewrites every personal value under the newest data key, in small batches while the service runs:
/// after `new-data-key` this lets an old key be retired, and it seals rows written before encryption
/// existed (filling their blind indexes on the way). A row changed meanwhile is skipped and counted; run again.
/// </summary>
/// <remarks>The sandbox's personal data too, where the sandbox runs (its context is registered only then).</remarks>
public sealed class PersonalDataResealer(IDbContextFactory<IdReissueDbContext> contexts, IDbContextFactory<SandboxDbContext>? sandboxContexts = null)
{
    private const int BatchSize = 200;

    public async Task<ResealReport> ResealAsync(CancellationToken cancellationToken)
    {
        var report = new ResealReport();
        await ResealAsync<IdReissueDbContext, ReissueApplication, Guid>(contexts, db => db.Applications, a => a.Id, report, cancellationToken);
        await ResealAsync<IdReissueDbContext, ApplicantAccount, Guid>(contexts, db => db.ApplicantAccounts, a => a.Id, report, cancellationToken);
        await ResealAsync<IdReissueDbContext, SmsCodeRecord, Guid>(contexts, db => db.SmsCodes, c => c.Id, report, cancellationToken);
        await ResealAsync<IdReissueDbContext, StoredFile, Guid>(contexts, db => db.Files, f => f.Id, report, cancellationToken);
        if (sandboxContexts is not null)
        {
            await ResealAsync<SandboxDbContext, SandboxResident, Guid>(sandboxContexts, db => db.SandboxResidents, r => r.Id, report, cancellationToken);
            await ResealAsync<SandboxDbContext, SandboxSmsMessage, long>(sandboxContexts, db => db.SandboxSmsMessages, m => m.Id, report, cancellationToken);
        }

        return report;
    }

    private static async Task ResealAsync<TContext, TEntity, TKey>(IDbContextFactory<TContext> contexts,
        Func<TContext, IQueryable<TEntity>> set, System.Linq.Expressions.Expression<Func<TEntity, TKey>> key, ResealReport report, CancellationToken cancellationToken)
        where TContext : DbContext
        where TEntity : class
    {
        List<TKey> ids;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            ids = await set(db).AsNoTracking().Select(key).ToListAsync(cancellationToken);
        }

        var keyOf = key.Compile();
        foreach (var batch in ids.Chunk(BatchSize))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var wanted = batch.ToHashSet();
            var parameter = key.Parameters[0];
            var contains = System.Linq.Expressions.Expression.Lambda<Func<TEntity, bool>>(
                System.Linq.Expressions.Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TKey)],
                    System.Linq.Expressions.Expression.Constant(batch), key.Body), parameter);
            var entities = await set(db).Where(contains).ToListAsync(cancellationToken);
            foreach (var entity in entities.Where(e => wanted.Contains(keyOf(e))))
            {
                MarkPersonalDataModified(db.Entry(entity));
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                report.Resealed += entities.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                report.Skipped += entities.Count;
            }
        }
    }

    private static void MarkPersonalDataModified(EntityEntry entry)
    {
        foreach (var property in entry.Properties.Where(p => p.Metadata.FindAnnotation(PersonalDataColumns.EncryptedAnnotation) is not null && p.CurrentValue is not null))
        {
            property.IsModified = true;
        }

        foreach (var owned in entry.References.Where(r => r.Metadata.TargetEntityType.IsOwned() && r.TargetEntry is not null))
        {
            MarkPersonalDataModified(owned.TargetEntry!);
        }
    }
}

public sealed class ResealReport
{
    public int Resealed { get; set; }

    public int Skipped { get; set; }
}
