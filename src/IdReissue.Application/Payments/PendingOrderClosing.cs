using IdReissue.Application.Ports;
using IdReissue.Domain.Payments;

namespace IdReissue.Application.Payments;

/// <summary>
/// Closes an application's pending orders at their gateways, so nobody can pay them any more: before a new
/// order replaces them, and before the application is cancelled. A gateway that cannot close an order
/// because it was paid meanwhile stops it; the payment then stands (its notification or query settles it).
/// </summary>
public sealed class PendingOrderClosing(IPaymentOrderStore orders, IPaymentGateways gateways)
{
    /// <summary>True when every pending order is closed (in the unit of work); false at the first that was paid meanwhile.</summary>
    public async Task<bool> CloseAllAsync(IEnumerable<PaymentOrder> pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        foreach (var order in pending)
        {
            if (!await gateways.GatewayFor(order.Channel).CloseOrderAsync(order.OrderNumber, cancellationToken))
            {
                return false;
            }

            order.Close();
        }

        return true;
    }

    public async Task<bool> CloseAllAsync(Guid applicationId, CancellationToken cancellationToken) =>
        await CloseAllAsync(await orders.PendingForAsync(applicationId, cancellationToken), cancellationToken);
}
