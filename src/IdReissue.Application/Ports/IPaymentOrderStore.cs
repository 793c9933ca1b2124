using IdReissue.Domain.Payments;

namespace IdReissue.Application.Ports;

/// <summary>Payment orders; what is loaded is tracked and written by <see cref="IUnitOfWork"/>.</summary>
public interface IPaymentOrderStore
{
    Task<PaymentOrder?> FindAsync(string orderNumber, CancellationToken cancellationToken);

    Task<IReadOnlyList<PaymentOrder>> PendingForAsync(Guid applicationId, CancellationToken cancellationToken);

    /// <summary>The application's latest order, of any state.</summary>
    Task<PaymentOrder?> LatestForAsync(Guid applicationId, CancellationToken cancellationToken);

    /// <summary>The pending order that stands, read afresh (after a concurrent writer won).</summary>
    Task<PaymentOrder?> StandingPendingForAsync(Guid applicationId, CancellationToken cancellationToken);

    /// <summary>Orders whose money must go back, in these regions (null: every region), oldest payment first.</summary>
    Task<IReadOnlyList<RefundDue>> RefundsDueAsync(IReadOnlyCollection<string>? regionIds, CancellationToken cancellationToken);

    void Add(PaymentOrder order);
}

public sealed record RefundDue(PaymentOrder Order, string ApplicationNumber, string RegionId);
