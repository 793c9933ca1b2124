namespace IdReissue.Application.Inspection;

/// <summary>One page of the audit log's matching entries, newest first.</summary>
public sealed record AuditSearchResult(AuditFilter Filter, IReadOnlyList<AuditLine> Lines, int Total, int Page, int PageSize, IReadOnlyList<string> Actions)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
