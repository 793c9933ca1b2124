using System.Globalization;
using System.Text;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Inspection;

/// <summary>
/// The search's result as CSV (Chinese headers, personal data masked, newest first, at most
/// <see cref="ExportAuditLogHandler.MostRows"/> rows); every export is itself an audit entry.
/// </summary>
public sealed record ExportAuditLog(OfficerScope Inspector, AuditFilter Filter);

/// <param name="Truncated">More entries matched than <see cref="ExportAuditLogHandler.MostRows"/>: narrow the search.</param>
public sealed record AuditExport(string FileName, string Csv, int Rows, int Total, bool Truncated);

public sealed class ExportAuditLogHandler(IAuditInspection inspection, IAuditLog audit, IUnitOfWork unitOfWork, TimeProvider time)
{
    public const int MostRows = 10_000;

    public const string Header = "序号,时间（北京时间）,操作人,操作人代码,操作,操作代码,对象,详情";

    public async Task<Result<AuditExport>> HandleAsync(ExportAuditLog query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = (query.Filter ?? AuditFilter.None).Normalized();
        if (AuditProblems.Check(filter) is { } problem)
        {
            return problem;
        }

        var found = await inspection.SearchAsync(filter, 0, MostRows, cancellationToken);
        var csv = new StringBuilder();
        csv.Append(Header).Append("\r\n");
        foreach (var line in found.Records.Select(AuditLine.From))
        {
            csv.AppendJoin(',',
                Cell(line.Sequence?.ToString(CultureInfo.InvariantCulture) ?? string.Empty),
                Cell(ChinaTime.Local(line.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                Cell(line.ActorName), Cell(line.Actor), Cell(line.ActionName), Cell(line.Action), Cell(line.Target), Cell(line.Detail)).Append("\r\n");
        }

        var rows = found.Records.Count;
        audit.Record(query.Inspector.Actor, AuditActions.Export, "audit-log", $"{filter.Describe()}; {rows} of {found.Total} rows");
        await unitOfWork.SaveAsync(cancellationToken);
        var stamp = ChinaTime.Local(time.GetUtcNow()).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return new AuditExport($"audit-{stamp}.csv", csv.ToString(), rows, found.Total, found.Total > rows);
    }

    /// <summary>RFC 4180 quoting, and a leading quote mark before =, +, -, @ so a spreadsheet never runs a cell as a formula.</summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
