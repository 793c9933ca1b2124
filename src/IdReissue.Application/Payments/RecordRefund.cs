using System.Globalization;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Payments;

/// <summary>An officer refunded the money through the merchant platform; the order leaves the task list.</summary>
public sealed record RecordRefund(string OrderNumber, OfficerScope Officer);

public sealed class RecordRefundHandler(IPaymentOrderStore orders, IApplicationStore applications, IAuditLog audit, IUnitOfWork unitOfWork)
{
    private static readonly Problem NotFound = Problem.NotFound("refund_not_found", "未找到该待退款订单。");

    public async Task<Result<RefundDue>> HandleAsync(RecordRefund command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var order = await orders.FindAsync(command.OrderNumber, cancellationToken);
        var application = order is null ? null : await applications.LabelAsync(order.ApplicationId, cancellationToken);
        if (order is null || application is null || !command.Officer.MaySee(application.RegionId))
        {
            return NotFound;
        }

        order.RecordRefunded();
        audit.Record(command.Officer.Actor, "payment.refunded", order.OrderNumber,
            string.Create(CultureInfo.InvariantCulture, $"{application.ApplicationNumber} {order.Channel} {order.AmountFen} fen"));
        await unitOfWork.SaveAsync(cancellationToken);
        return new RefundDue(order, application.ApplicationNumber, application.RegionId);
    }
}
