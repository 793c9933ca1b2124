using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Common;
using IdReissue.Domain.Payments;

namespace IdReissue.Application.Payments;

/// <summary>The application's latest order. A pending one is checked with its gateway first, so a lost notification does not leave the applicant waiting.</summary>
public sealed record GetCurrentPayment(Guid ApplicationId, Guid AccountId);

public sealed class GetCurrentPaymentHandler(
    IApplicationStore applications, IPaymentOrderStore orders, IPaymentGateways gateways, PaymentSettlement settlement, IUnitOfWork unitOfWork)
{
    public async Task<Result<PaymentOrder>> HandleAsync(GetCurrentPayment query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await applications.FindOwnAsync(query.ApplicationId, query.AccountId, cancellationToken) is not { } application)
        {
            return ApplicationProblems.NotFound;
        }

        if (await orders.LatestForAsync(application.Id, cancellationToken) is not { } order)
        {
            return Problem.NotFound("payment_not_found", "该申请还没有发起缴费。");
        }

        if (order.IsPending)
        {
            var status = await gateways.GatewayFor(order.Channel).QueryOrderAsync(order.OrderNumber, cancellationToken);
            await settlement.ApplyAsync(order.OrderNumber, status.State, status.Amount, status.TransactionId, Actor.Gateway($"query:{order.Channel}"), cancellationToken);
            await unitOfWork.SaveAsync(cancellationToken);
        }

        return order;
    }
}
