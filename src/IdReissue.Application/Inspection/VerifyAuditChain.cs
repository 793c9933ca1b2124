using IdReissue.Application.Common;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Inspection;

/// <summary>
/// Inspection checks the audit chain and its anchors from the workbench: the same check as
/// `security verify-audit`; the check and its outcome are themselves an audit entry.
/// </summary>
public sealed record VerifyAuditChain(OfficerScope Inspector);

public sealed class VerifyAuditChainHandler(IAuditInspection inspection, IAuditLog audit, IUnitOfWork unitOfWork)
{
    public async Task<Result<AuditVerification>> HandleAsync(VerifyAuditChain query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var verification = await inspection.VerifyAsync(cancellationToken);
        audit.Record(query.Inspector.Actor, AuditActions.Verify, "audit-chain", verification.Intact
            ? $"intact; {verification.EntriesChecked} entries; {verification.AnchorsChecked} anchors"
            : $"broken at {(verification.FirstBrokenSequence is { } sequence ? $"#{sequence}" : $"id {verification.FirstBrokenId}")}; {verification.EntriesChecked} entries before intact");
        await unitOfWork.SaveAsync(cancellationToken);
        return verification;
    }
}
