using IdReissue.Application.Inspection;
using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence.Stores;

/// <summary>The audit log read for inspection, never tracked; its check is <see cref="AuditChainVerification"/>, as `security verify-audit` runs it.</summary>
public sealed class EfAuditInspection(IdReissueDbContext db, AuditAnchors anchors, AuditChainKey key) : IAuditInspection
{
    public async Task<AuditRecordPage> SearchAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var matching = Matching(filter);
        var total = await matching.CountAsync(cancellationToken);
        var records = await matching.OrderByDescending(a => a.Sequence ?? 0).ThenByDescending(a => a.Id).Skip(skip).Take(take)
            .Select(a => new AuditRecord(a.Id, a.Sequence, a.At, a.Actor, a.Action, a.Target, a.Detail)).ToListAsync(cancellationToken);
        return new AuditRecordPage(records, total);
    }

    public async Task<IReadOnlyList<string>> ListActionsAsync(CancellationToken cancellationToken) =>
        await db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken) => AuditChainVerification.RunAsync(db, anchors, key, cancellationToken);

    private IQueryable<AuditEntry> Matching(AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (filter.OfficerActor is { } actor)
        {
            query = query.Where(a => a.Actor == actor);
        }

        if (filter.ApplicationNumber is { } number)
        {
            query = query.Where(a => a.Target == number || (a.Detail != null && a.Detail.Contains(number)));
        }

        if (filter.Action is { } action)
        {
            query = query.Where(a => a.Action == action);
        }

        if (filter.FromInstant is { } from)
        {
            query = query.Where(a => a.At >= from);
        }

        if (filter.ToInstantExclusive is { } to)
        {
            query = query.Where(a => a.At < to);
        }

        return query;
    }
}
