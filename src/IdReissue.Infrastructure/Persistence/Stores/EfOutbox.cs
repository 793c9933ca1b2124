using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Outbox;

namespace IdReissue.Infrastructure.Persistence.Stores;

public sealed class EfOutbox(IdReissueDbContext db) : IOutbox
{
    public void Enqueue(string kind, object payload, DateTimeOffset now, DateTimeOffset? availableAt = null, string? deduplicationKey = null) =>
        db.Enqueue(kind, payload, now, availableAt, deduplicationKey);
}
