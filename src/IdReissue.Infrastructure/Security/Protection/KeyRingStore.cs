using System.Security.Cryptography;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Security.Protection;

/// <summary>
/// Creates the first data key and the blind-index key on an empty database, loads the ring into the
/// protector, and rotates: a new data key for new writes, or every data key re-wrapped under the active
/// master key. Rotation never rewrites personal data, so it runs while the service serves.
/// </summary>
public sealed class KeyRingStore(IDbContextFactory<IdReissueDbContext> contexts, PersonalDataProtector protector, IMasterKeyStore masterKeys, SecurityOptions options, TimeProvider time)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.DataKeys.AnyAsync(k => k.Purpose == DataKeyRecord.IndexPurpose, cancellationToken))
            {
                await TryAddAsync(db, NewKey(DataKeyRecord.IndexKeyId, DataKeyRecord.IndexPurpose), cancellationToken);
            }

            // The newest data key seals new values; when `Security:Algorithm` was switched since it was made,
            // new values get a key of the configured cipher, while older keys keep theirs for what they sealed.
            var newest = await db.DataKeys.AsNoTracking().Where(k => k.Purpose == DataKeyRecord.DataPurpose)
                .OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id).FirstOrDefaultAsync(cancellationToken);
            if (newest is null || CipherAlgorithms.Parse(newest.Algorithm) != options.Algorithm)
            {
                await TryAddAsync(db, NewKey(Guid.NewGuid(), DataKeyRecord.DataPurpose), cancellationToken);
            }
        }

        Reload();
    }

    /// <summary>Adds a data key; from the next ring refresh every node encrypts new values with it.</summary>
    public async Task<Guid> AddDataKeyAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = NewKey(Guid.NewGuid(), DataKeyRecord.DataPurpose);
        db.DataKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return key.Id;
    }

    /// <summary>
    /// Re-wraps every data key not yet under the active master key, or wrapped in an outdated way (before
    /// wrapped keys named their cipher). Returns how many were re-wrapped.
    /// </summary>
    public async Task<int> RewrapAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stale = (await db.DataKeys.ToListAsync(cancellationToken)).Where(k => masterKeys.NeedsRewrap(k.MasterKeyId, k.WrappedKey)).ToList();
        foreach (var key in stale)
        {
            var plain = masterKeys.Unwrap(key.MasterKeyId, key.WrappedKey, key.Id.ToString());
            key.WrappedKey = masterKeys.Wrap(plain, key.Id.ToString());
            key.MasterKeyId = masterKeys.ActiveKeyId;
            CryptographicOperations.ZeroMemory(plain);
        }

        await db.SaveChangesAsync(cancellationToken);
        return stale.Count;
    }

    /// <summary>Reads the ring again now (this node), instead of at the next refresh.</summary>
    public void Reload() => protector.Use(Load(), Load);

    public IReadOnlyList<DataKeyRecord> Load()
    {
        using var db = contexts.CreateDbContext();
        return db.DataKeys.AsNoTracking().ToList();
    }

    private DataKeyRecord NewKey(Guid id, string purpose)
    {
        var algorithm = purpose == DataKeyRecord.IndexPurpose ? CipherAlgorithm.Aes256Gcm : options.Algorithm;
        var plain = RandomNumberGenerator.GetBytes(purpose == DataKeyRecord.IndexPurpose ? 32 : algorithm.KeyBytes());
        var record = new DataKeyRecord
        {
            Id = id,
            Purpose = purpose,
            Algorithm = algorithm.Name(),
            MasterKeyId = masterKeys.ActiveKeyId,
            WrappedKey = masterKeys.Wrap(plain, id.ToString()),
            CreatedAt = time.GetUtcNow(),
        };
        CryptographicOperations.ZeroMemory(plain);
        return record;
    }

    /// <summary>Nodes starting together may both try; the unique key lets one win and the other read its key.</summary>
    private static async Task TryAddAsync(IdReissueDbContext db, DataKeyRecord key, CancellationToken cancellationToken)
    {
        db.DataKeys.Add(key);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }
}
