using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence.Stores;

public sealed class EfPaymentOrderStore(IdReissueDbContext db) : IPaymentOrderStore
{
    public Task<PaymentOrder?> FindAsync(string orderNumber, CancellationToken cancellationToken) =>
        db.PaymentOrders.SingleOrDefaultAsync(o => o.OrderNumber == orderNumber, cancellationToken);

    public async Task<IReadOnlyList<PaymentOrder>> PendingForAsync(Guid applicationId, CancellationToken cancellationToken) =>
        await db.PaymentOrders.Where(o => o.ApplicationId == applicationId && o.State == PaymentOrderState.Pending).ToListAsync(cancellationToken);

    public Task<PaymentOrder?> LatestForAsync(Guid applicationId, CancellationToken cancellationToken) =>
        db.PaymentOrders.Where(o => o.ApplicationId == applicationId).OrderByDescending(o => o.CreatedAt).FirstOrDefaultAsync(cancellationToken);

    public Task<PaymentOrder?> StandingPendingForAsync(Guid applicationId, CancellationToken cancellationToken) =>
        db.PaymentOrders.AsNoTracking().SingleOrDefaultAsync(o => o.ApplicationId == applicationId && o.State == PaymentOrderState.Pending, cancellationToken);

    public async Task<IReadOnlyList<RefundDue>> RefundsDueAsync(IReadOnlyCollection<string>? regionIds, CancellationToken cancellationToken)
    {
        var due = await (from order in db.PaymentOrders.AsNoTracking()
                         join application in db.Applications.AsNoTracking() on order.ApplicationId equals application.Id
                         where order.State == PaymentOrderState.RefundDue && (regionIds == null || regionIds.Contains(application.RegionId))
                         select new { order, application.ApplicationNumber, application.RegionId }).ToListAsync(cancellationToken);
        return due.OrderBy(d => d.order.PaidAt).Select(d => new RefundDue(d.order, d.ApplicationNumber, d.RegionId)).ToList();
    }

    public void Add(PaymentOrder order) => db.PaymentOrders.Add(order);
}
