using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;

namespace IdReissue.Web.Audit;

/// <summary>Adds audit entries to the request's unit of work, so an action and its record commit together.</summary>
public sealed class AuditTrail(IdReissueDbContext db, TimeProvider time)
{
    public void Record(Actor actor, string action, string target, string? detail) =>
        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), Actor = actor.ToString(), Action = action, Target = target, Detail = detail });
}
