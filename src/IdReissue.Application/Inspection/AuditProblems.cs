using IdReissue.Application.Common;

namespace IdReissue.Application.Inspection;

/// <summary>Why a search of the audit log is refused, in the same words for the page, the export and the API.</summary>
public static class AuditProblems
{
    public static Problem? Check(AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.From is { } from && filter.To is { } to && from > to)
        {
            return Problem.Invalid("audit_range_reversed", "起始日期不能晚于截止日期。", "to");
        }

        if (filter.Officer?.Length > AuditFilter.MaxTextLength)
        {
            return Problem.Invalid("audit_filter_too_long", $"民警用户名不能超过{AuditFilter.MaxTextLength}个字符。", "officer");
        }

        if (filter.ApplicationNumber?.Length > AuditFilter.MaxTextLength)
        {
            return Problem.Invalid("audit_filter_too_long", $"申请编号不能超过{AuditFilter.MaxTextLength}个字符。", "applicationNumber");
        }

        if (filter.Action?.Length > AuditFilter.MaxTextLength)
        {
            return Problem.Invalid("audit_filter_too_long", $"操作代码不能超过{AuditFilter.MaxTextLength}个字符。", "action");
        }

        return null;
    }
}
