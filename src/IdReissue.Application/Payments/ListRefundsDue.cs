using IdReissue.Application.Common;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Payments;

/// <summary>Payments whose money must go back, in the officer's region.</summary>
public sealed record ListRefundsDue(OfficerScope Officer);

public sealed class ListRefundsDueHandler(IPaymentOrderStore orders)
{
    public Task<IReadOnlyList<RefundDue>> HandleAsync(ListRefundsDue query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return orders.RefundsDueAsync(query.Officer.Regions.Filter, cancellationToken);
    }
}
