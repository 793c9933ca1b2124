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
}
