using System.Runtime.CompilerServices;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Infrastructure.Security;
using IdReissue.Infrastructure.Security.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace IdReissue.Infrastructure.Persistence;

/// <summary>
/// The one save path, for every context with personal data protection (<see cref="PersonalDataProtectionOptions"/>),
/// sync and async alike: new state transitions get their outbox messages, blind indexes are filled from the values
/// they stand for, personal data is sealed for the write (and the plaintext put back after, also when the save
/// fails, so the entities stay usable), and new audit entries are chained inside the save's transaction: the chain's
/// lock is taken and the entries numbered before the write, the transaction begun for it committed after.
/// </summary>
/// <remarks>
/// One instance serves every context; what a save sealed and the transaction it began are kept per context
/// between <c>SavingChanges</c> and <c>SavedChanges</c> / <c>SaveChangesFailed</c> / <c>SaveChangesCanceled</c>.
/// A concurrency conflict reaches no interceptor after the write has failed (ThrowingConcurrencyException comes
/// from inside the batch, while the transaction is still in use), so the context's own SaveChangesFailed event,
/// which every failure raises, is subscribed for the length of the save to catch it.
/// EF Core's event data does not say whether the save accepts its changes; an entry left Added, Modified or Deleted
/// after a successful save was not accepted (SaveChanges(false)), and its original values are left as they were.
/// The audit chain needs no wrapper around SaveChanges: its lock and numbering run here before the write, inside the
/// transaction this begins (or the caller's), and the commit after it, as SaveChanges overrides did. One gap an
/// interceptor cannot close: EF's own change detection runs between SavingChanges and the write, outside its error
/// handling; were it to throw (it does not for what this writes, values of tracked properties), nothing would be
/// put back.
/// </remarks>
public sealed class ProtectedSave : SaveChangesInterceptor
{
    public static readonly ProtectedSave Instance = new();

    private static readonly ConditionalWeakTable<DbContext, PendingSave> Pending = new();

    private ProtectedSave()
    {
    }

    /// <summary>Only library code (data protection's key store) saves synchronously; it never writes audit entries.</summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        BeginAsync(eventData.Context!, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await BeginAsync(eventData.Context!, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        CompleteAsync(eventData.Context!, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await CompleteAsync(eventData.Context!, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => AbandonAsync(eventData.Context!).GetAwaiter().GetResult();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) => AbandonAsync(eventData.Context!);

    public override void SaveChangesCanceled(DbContextEventData eventData) => AbandonAsync(eventData.Context!).GetAwaiter().GetResult();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) => AbandonAsync(eventData.Context!);

    /// <summary>The protection options of a context; null only at design time (migrations), which never saves.</summary>
    public static PersonalDataProtectionExtension? ProtectionOf(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<PersonalDataProtectionExtension>();

    private static async Task BeginAsync(DbContext db, CancellationToken cancellationToken)
    {
        var protection = ProtectionOf(db);
        var main = db as IdReissueDbContext;
        if (main is not null)
        {
            TransitionOutbox.AddMessages(main);
        }

        PersonalDataColumns.ApplyBlindIndexes(db, protection?.Protector);
        var sealedValues = PersonalDataColumns.SealForSave(db, protection?.Protector);
        IDbContextTransaction? transaction = null;
        try
        {
            if (main is not null && AuditChain.HasNewEntries(main))
            {
                var key = protection?.AuditKey ?? throw new InvalidOperationException("The audit key is not configured (Security:AuditKey).");
                transaction = await AuditChain.ChainNewEntriesAsync(main, key, cancellationToken);
            }
        }
        catch
        {
            PersonalDataColumns.Restore(sealedValues, saved: false);
            throw;
        }

        Pending.AddOrUpdate(db, new PendingSave(sealedValues, transaction));
        db.SaveChangesFailed -= OnSaveChangesFailed;
        db.SaveChangesFailed += OnSaveChangesFailed;
    }

    /// <summary>A failure no interceptor method was told of (a concurrency conflict): the same as <see cref="AbandonAsync"/>.</summary>
    private static void OnSaveChangesFailed(object? sender, SaveChangesFailedEventArgs e)
    {
        if (sender is DbContext db)
        {
            AbandonAsync(db).GetAwaiter().GetResult();
        }
    }

    private static async Task CompleteAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!Pending.TryGetValue(db, out var pending))
        {
            return;
        }

        Pending.Remove(db);
        db.SaveChangesFailed -= OnSaveChangesFailed;
        var saved = false;
        try
        {
            if (pending.Transaction is not null)
            {
                await pending.Transaction.CommitAsync(cancellationToken);
            }

            saved = pending.SealedValues.Count == 0 || pending.SealedValues[0].Property.EntityEntry.State is EntityState.Unchanged or EntityState.Detached;
        }
        finally
        {
            if (pending.Transaction is not null)
            {
                await pending.Transaction.DisposeAsync();
            }

            PersonalDataColumns.Restore(pending.SealedValues, saved);
        }
    }

    /// <summary>A failed or cancelled save: its transaction rolled back (disposed), the plaintext put back.</summary>
    private static async Task AbandonAsync(DbContext db)
    {
        if (!Pending.TryGetValue(db, out var pending))
        {
            return;
        }

        Pending.Remove(db);
        db.SaveChangesFailed -= OnSaveChangesFailed;
        try
        {
            if (pending.Transaction is not null)
            {
                await pending.Transaction.DisposeAsync();
            }
        }
        finally
        {
            PersonalDataColumns.Restore(pending.SealedValues, saved: false);
        }
    }

    private sealed record PendingSave(List<SealedValue> SealedValues, IDbContextTransaction? Transaction);
}
