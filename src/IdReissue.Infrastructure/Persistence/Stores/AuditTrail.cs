using IdReissue.Application.Ports;
using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Persistence.Records;

namespace IdReissue.Infrastructure.Persistence.Stores;

/// <summary>Adds audit entries to the request's unit of work, so an action and its record commit together.</summary>
public sealed class AuditTrail(IdReissueDbContext db, TimeProvider time) : IAuditLog
{
    public void Record(Actor actor, string action, string target, string? detail) =>
        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = actor.ToString(), Action = action, Target = target, Detail = detail });
}
