using Microsoft.EntityFrameworkCore;
using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Security;

namespace IdReissue.Infrastructure.Persistence.Stores;

public sealed class EfSessionStore(IdReissueDbContext db) : ISessionStore
{
    public string Open(string kind, string subject, DateTimeOffset now, TimeSpan lifetime)
    {
        var token = TokenHash.NewToken();
        db.Sessions.Add(new SessionRecord { TokenHash = TokenHash.Of(token), Kind = kind, Subject = subject, CreatedAt = now, ExpiresAt = now + lifetime });
        return token;
    }

    public Task<ActiveSession?> FindActiveAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Sessions.AsNoTracking().Where(s => s.TokenHash == tokenHash && s.ExpiresAt > now)
            .Select(s => new ActiveSession(s.Kind, s.Subject, s.ExpiresAt)).SingleOrDefaultAsync(cancellationToken);

    public Task EndAsync(string token, CancellationToken cancellationToken)
    {
        var hash = TokenHash.Of(token);
        return db.Sessions.Where(s => s.TokenHash == hash).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SessionSummary>> ListAsync(IReadOnlyList<string> kinds, string subject, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await db.Sessions.AsNoTracking().Where(s => s.Subject == subject && kinds.Contains(s.Kind) && s.ExpiresAt > now)
            .Select(s => new SessionSummary(s.TokenHash, s.Kind, s.CreatedAt, s.ExpiresAt)).ToListAsync(cancellationToken))
            .OrderByDescending(s => s.CreatedAt).ToList();

    public async Task<bool> EndAsync(IReadOnlyList<string> kinds, string subject, string tokenHash, CancellationToken cancellationToken) =>
        await db.Sessions.Where(s => s.TokenHash == tokenHash && s.Subject == subject && kinds.Contains(s.Kind)).ExecuteDeleteAsync(cancellationToken) == 1;

    public Task<int> EndAllAsync(IReadOnlyList<string> kinds, string subject, CancellationToken cancellationToken) =>
        db.Sessions.Where(s => s.Subject == subject && kinds.Contains(s.Kind)).ExecuteDeleteAsync(cancellationToken);
}
