using IdReissue.Application.Common;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Inspection;

/// <summary>Inspection (督察) searches the audit log, a page at a time; every search is itself an audit entry.</summary>
public sealed record SearchAuditLog(OfficerScope Inspector, AuditFilter Filter, int Page);

public sealed class SearchAuditLogHandler(IAuditInspection inspection, IAuditLog audit, IUnitOfWork unitOfWork)
{
    public const int PageSize = 50;

    public async Task<Result<AuditSearchResult>> HandleAsync(SearchAuditLog query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = (query.Filter ?? AuditFilter.None).Normalized();
        if (AuditProblems.Check(filter) is { } problem)
        {
            return problem;
        }

        var page = Math.Max(1, query.Page);
        var found = await inspection.SearchAsync(filter, (page - 1) * PageSize, PageSize, cancellationToken);
        var actions = await inspection.ListActionsAsync(cancellationToken);
        audit.Record(query.Inspector.Actor, AuditActions.Search, "audit-log", $"{filter.Describe()}; page {page}; {found.Total} found");
        await unitOfWork.SaveAsync(cancellationToken);
        return new AuditSearchResult(filter, found.Records.Select(AuditLine.From).ToList(), found.Total, page, PageSize, actions);
    }
}
