using System.Security.Cryptography;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Security;
using IdReissue.Infrastructure.Security.Protection;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Tests.Security;

/// <summary>
/// The one save path (the ProtectedSave interceptor): personal data sealed for the write and the plaintext back on
/// the entity after, whether the save succeeds, fails, meets a concurrency conflict, is synchronous or leaves its
/// changes unaccepted; and audit entries chained inside the save's transaction, so a failed save leaves no link.
/// </summary>
public sealed class ProtectedSaveTests
{
    [Fact]
    public async Task A_failed_save_leaves_the_plaintext_on_the_entity_and_writes_no_audit_entry()
    {
        var database = await NewDatabaseAsync();
        var existing = NewCode("13800000001");
        await using (var db = database.CreateDbContext())
        {
            db.SmsCodes.Add(existing);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateDbContext())
        {
            var duplicate = NewCode("13800000002");
            duplicate.Id = existing.Id;
            db.SmsCodes.Add(duplicate);
            db.AuditEntries.Add(NewAudit("first"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

            Assert.Equal("13800000002", duplicate.Phone);
            Assert.Equal(EntityState.Added, db.Entry(duplicate).State);
        }

        await using (var db = database.CreateDbContext())
        {
            Assert.False(await db.AuditEntries.AnyAsync());
            db.AuditEntries.Add(NewAudit("second"));
            await db.SaveChangesAsync();
            var report = await AuditChain.VerifyAsync(db, database.AuditKey, [], CancellationToken.None);
            Assert.True(report.Intact, report.Problem);
            Assert.Equal(1, report.EntriesChecked);
        }
    }

    [Fact]
    public async Task A_concurrency_conflict_leaves_the_new_plaintext_on_the_entity_still_modified()
    {
        var database = await NewDatabaseAsync();
        var code = NewCode("13800000001");
        await using (var db = database.CreateDbContext())
        {
            db.SmsCodes.Add(code);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateDbContext())
        {
            var tracked = await db.SmsCodes.SingleAsync(c => c.Id == code.Id);
            await using (var other = database.CreateDbContext())
            {
                await other.SmsCodes.Where(c => c.Id == code.Id).ExecuteDeleteAsync();
            }

            tracked.Phone = "13800000009";
            db.AuditEntries.Add(NewAudit("lost"));
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());

            Assert.Equal("13800000009", tracked.Phone);
            Assert.Equal("13800000001", db.Entry(tracked).Property(c => c.Phone).OriginalValue);
            Assert.True(db.Entry(tracked).Property(c => c.Phone).IsModified);

            // The transaction the audit entry's save began is gone with it: the next save chains and commits its own.
            Assert.Null(db.Database.CurrentTransaction);
            db.ChangeTracker.Clear();
            db.AuditEntries.Add(NewAudit("kept"));
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(["kept"], await db.AuditEntries.Select(a => a.Action).ToListAsync());
            Assert.True((await AuditChain.VerifyAsync(db, database.AuditKey, [], CancellationToken.None)).Intact);
        }
    }

    [Fact]
    public async Task A_synchronous_save_and_an_unaccepted_one_seal_the_same_way()
    {
        var database = await NewDatabaseAsync();
        var code = NewCode("13800000001");
        var later = NewCode("13800000002");
        await using (var db = database.CreateDbContext())
        {
            db.SmsCodes.Add(code);
            db.SaveChanges();
            Assert.Equal("13800000001", code.Phone);
            Assert.Equal(EntityState.Unchanged, db.Entry(code).State);

            db.SmsCodes.Add(later);
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false);
            Assert.Equal("13800000002", later.Phone);
            Assert.Equal(EntityState.Added, db.Entry(later).State);
            db.ChangeTracker.AcceptAllChanges();
            Assert.Equal("13800000002", db.Entry(later).Property(c => c.Phone).OriginalValue);
        }

        Assert.StartsWith("e2.", await database.StoredTextAsync("SmsCodes", "Phone", code.Id), StringComparison.Ordinal);
        Assert.StartsWith("e2.", await database.StoredTextAsync("SmsCodes", "Phone", later.Id), StringComparison.Ordinal);
        await using (var db = database.CreateDbContext())
        {
            Assert.Equal("13800000002", (await db.SmsCodes.AsNoTracking().SingleAsync(c => c.Id == later.Id)).Phone);
        }
    }

    private static Task<ProtectedDatabase> NewDatabaseAsync() =>
        new ProtectedDatabase(ProtectedDatabase.NewFile(), RandomNumberGenerator.GetBytes(32), CipherAlgorithm.Aes256Gcm).StartAsync();

    private static AuditEntry NewAudit(string action) => new() { At = DateTimeOffset.UtcNow, Actor = "test", Action = action, Target = "t" };

    private static SmsCodeRecord NewCode(string phone) => new()
    {
        Id = Guid.NewGuid(),
        Phone = phone,
        CodeHash = "hash",
        CreatedAt = DateTimeOffset.UtcNow,
        ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(5),
    };
}
