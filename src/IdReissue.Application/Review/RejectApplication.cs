using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;

namespace IdReissue.Application.Review;

/// <summary>Reject an application under review, or one its registered holder disowned at any step before dispatch, with the reason.</summary>
public sealed record RejectApplication(Guid ApplicationId, OfficerScope Officer, string? Reason);

public sealed class RejectApplicationHandler(OfficerDecision decision, IApplicantAccountStore accounts)
{
    public Task<Result<ReissueApplication>> HandleAsync(RejectApplication command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return decision.DecideAsync(command.ApplicationId, command.Officer, "application.reject", command.Reason, async (a, now, actor) =>
        {
            var disowned = a.HeldAsSuspectedImpersonation;
            a.Reject(command.Reason ?? string.Empty, now, actor);
            if (disowned && await accounts.FindAsync(a.AccountId, cancellationToken) is { } account)
            {
                // Impersonation confirmed: the account that proved the identity loses it, so the real holder is not
                // told the identity is bound elsewhere.
                account.ReleaseIdentity();
            }
        }, cancellationToken);
    }
}
