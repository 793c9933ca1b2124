using IdReissue.Application.Ports;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Inspection;

/// <summary>One audit entry as an inspector sees and exports it: personal data in its text masked.</summary>
public sealed record AuditLine(long? Sequence, DateTimeOffset At, string Actor, string ActorName, string Action, string ActionName, string Target, string Detail)
{
    public static AuditLine From(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AuditLine(record.Sequence, record.At, AuditTextMask.Mask(record.Actor), ActorNameOf(record.Actor), record.Action,
            AuditActions.NameOf(record.Action), AuditTextMask.Mask(record.Target), AuditTextMask.Mask(record.Detail));
    }

    /// <summary>Who, in words: 民警 username, 系统, 申请人账户 (its id), 外部接口, 持证人.</summary>
    public static string ActorNameOf(string stored)
    {
        var separator = stored.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0 || !Enum.TryParse<ActorKind>(stored[..separator], ignoreCase: true, out var kind))
        {
            return AuditTextMask.Mask(stored);
        }

        var id = AuditTextMask.Mask(stored[(separator + 1)..]);
        return kind switch
        {
            ActorKind.Officer => $"民警 {id}",
            ActorKind.System => "系统",
            ActorKind.Applicant => $"申请人账户 {(id.Length > 8 ? id[..8] + "…" : id)}",
            ActorKind.Gateway => $"外部接口 {id}",
            ActorKind.Holder => $"持证人（{id}）",
            _ => id,
        };
    }
}
