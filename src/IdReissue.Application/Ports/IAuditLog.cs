using IdReissue.Domain.Common;

namespace IdReissue.Application.Ports;

/// <summary>The tamper-evident record of who did what; written with the unit of work.</summary>
public interface IAuditLog
{
    void Record(Actor actor, string action, string target, string? detail);
}
