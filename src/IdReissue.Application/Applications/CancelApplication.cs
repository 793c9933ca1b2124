using IdReissue.Application.Common;
using IdReissue.Application.Payments;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Applications;

/// <summary>The applicant withdraws an application that has not been paid.</summary>
public sealed record CancelApplication(Guid ApplicationId, Guid AccountId);

public sealed class CancelApplicationHandler(IApplicationStore applications, PendingOrderClosing closing, IUnitOfWork unitOfWork, TimeProvider time)
{
    public async Task<Result<ReissueApplication>> HandleAsync(CancelApplication command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await applications.FindOwnAsync(command.ApplicationId, command.AccountId, cancellationToken) is not { } application)
        {
            return ApplicationProblems.NotFound;
        }

        application.Cancel(time.GetUtcNow(), Actor.Applicant(command.AccountId));

        // An order still open at a gateway is closed first, so nobody can pay for a cancelled application;
        // if it was paid meanwhile, the payment stands and the cancellation does not.
        if (!await closing.CloseAllAsync(application.Id, cancellationToken))
        {
            return Problem.Conflict("payment_in_progress", "您已完成支付，正在确认结果，申请不能取消。");
        }

        await unitOfWork.SaveAsync(cancellationToken);
        return application;
    }
}
