using System.Security.Cryptography;
using System.Text;
using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence.Stores;

public sealed class EfSmsCodeStore(IdReissueDbContext db) : ISmsCodeStore
{
    public async Task<IReadOnlyList<DateTimeOffset>> SentSinceAsync(string phone, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var index = db.BlindIndex(BlindIndexKinds.Phone, phone);
        return await db.SmsCodes.Where(c => c.PhoneIndex == index && c.CreatedAt > since)
            .OrderByDescending(c => c.CreatedAt).Select(c => c.CreatedAt).ToListAsync(cancellationToken);
    }

    public Guid Add(string phone, string clientKey, string code, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        var record = new SmsCodeRecord
        {
            Id = Guid.NewGuid(),
            Phone = phone,
            ClientIndex = clientKey,
            CodeHash = Digest(phone, code),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        db.SmsCodes.Add(record);
        return record.Id;
    }

    public async Task<PendingSmsCode?> LatestUsableAsync(string phone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var index = db.BlindIndex(BlindIndexKinds.Phone, phone);
        return await db.SmsCodes.AsNoTracking().Where(c => c.PhoneIndex == index && c.UsedAt == null && c.ExpiresAt > now)
            .OrderByDescending(c => c.CreatedAt).Select(c => new PendingSmsCode(c.Id, c.CodeHash)).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<bool> TakeTryAsync(Guid id, int tries, CancellationToken cancellationToken) =>
        await db.SmsCodes.Where(c => c.Id == id && c.UsedAt == null && c.FailedAttempts < tries)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1), cancellationToken) == 1;

    public Task<int> TriesTakenAsync(Guid id, CancellationToken cancellationToken) =>
        db.SmsCodes.AsNoTracking().Where(c => c.Id == id).Select(c => c.FailedAttempts).SingleAsync(cancellationToken);

    public bool Matches(PendingSmsCode pending, string phone, string code)
    {
        ArgumentNullException.ThrowIfNull(pending);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Digest(phone, code)), Encoding.ASCII.GetBytes(pending.Digest));
    }

    public async Task<bool> UseAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.SmsCodes.Where(c => c.Id == id && c.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken) == 1;

    private static string Digest(string phone, string code) => TokenHash.Of(phone + ":" + code);
}
