using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Payments;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Sandbox.Records;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>
/// A payment channel's sandbox: it keeps its own orders (as the gateway would), shows a cashier page,
/// and reports results by asynchronous signed notifications, retried until acknowledged.
/// </summary>
public sealed class SandboxPaymentGateway(
    PaymentChannel channel,
    IDbContextFactory<SandboxDbContext> dbFactory,
    SandboxSigner signer,
    ISandboxCallbackTarget target) : IPaymentGateway
{
    public PaymentChannel Channel { get; } = channel;

    public GatewayAnswer Acknowledgement { get; } = new(200, "application/json", """{"code":"SUCCESS","message":"成功"}""");

    public GatewayAnswer? Refusal(int statusCode, string message) => null;

    public async Task<GatewayOrder> CreateOrderAsync(PaymentOrderRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.SandboxPaymentOrders.FindAsync([request.OrderNumber], cancellationToken);
        if (existing is null)
        {
            db.SandboxPaymentOrders.Add(new SandboxPaymentOrder
            {
                OrderNumber = request.OrderNumber,
                Channel = Channel,
                AmountFen = request.Amount.Fen,
                Description = request.Description,
                State = GatewayPaymentState.NotPaid,
                CreatedAt = DateTimeOffset.UtcNow,
                ExpiresAt = request.ExpiresAt,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        var cashier = new Uri(target.BaseAddress, $"/sandbox/cashier/{Uri.EscapeDataString(request.OrderNumber)}");
        return new GatewayOrder(request.OrderNumber, cashier, cashier.ToString());
    }

    public async Task<GatewayOrderStatus> QueryOrderAsync(string orderNumber, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var order = await db.SandboxPaymentOrders.AsNoTracking().SingleOrDefaultAsync(o => o.OrderNumber == orderNumber, cancellationToken)
            ?? throw new DomainException("order_not_found", "支付平台查无此订单。", DomainErrorKind.NotFound);
        return new GatewayOrderStatus(order.OrderNumber, order.State, new Money(order.AmountFen), order.TransactionId, order.PaidAt);
    }

    public async Task<bool> CloseOrderAsync(string orderNumber, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var order = await db.SandboxPaymentOrders.SingleOrDefaultAsync(o => o.OrderNumber == orderNumber, cancellationToken);
        if (order is null)
        {
            return true;
        }

        if (order.State == GatewayPaymentState.Paid)
        {
            return false;
        }

        order.State = GatewayPaymentState.Closed;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public PaymentNotification ReadNotification(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (signer.Verify(headers, body, now) is { } problem)
        {
            throw PaymentNotificationRejectedException.Unverified(problem);
        }

        SandboxPaymentNotice notice;
        try
        {
            notice = JsonSerializer.Deserialize<SandboxPaymentNotice>(body, SandboxJson.Options)
                ?? throw new JsonException("empty");
        }
        catch (JsonException)
        {
            throw new PaymentNotificationRejectedException("malformed_notification", "通知内容无法解析。");
        }

        var state = notice.Resource.TradeState switch
        {
            "SUCCESS" => GatewayPaymentState.Paid,
            "CLOSED" => GatewayPaymentState.Closed,
            "PAYERROR" => GatewayPaymentState.Failed,
            _ => GatewayPaymentState.NotPaid,
        };
        return new PaymentNotification(notice.Id, notice.Resource.OutTradeNo, state, new Money(notice.Resource.Amount.Total),
            notice.Resource.TransactionId, notice.Resource.SuccessTime, notice.CreateTime);
    }

    /// <summary>The payer confirmed (or failed) at the sandbox cashier: update the order and notify the service.</summary>
    public static async Task<SandboxPaymentOrder> PayAtCashierAsync(IdReissueDbContext db, SandboxOptions options, string orderNumber, bool succeed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var sandbox = SandboxDbContext.Beside(db);
        var order = await sandbox.SandboxPaymentOrders.SingleOrDefaultAsync(o => o.OrderNumber == orderNumber, cancellationToken)
            ?? throw new DomainException("order_not_found", "收银台查无此订单。", DomainErrorKind.NotFound);
        if (order.State == GatewayPaymentState.Paid)
        {
            return order;
        }

        if (order.State == GatewayPaymentState.Closed || order.ExpiresAt < now)
        {
            throw new DomainException("order_closed", "该订单已关闭或已过期，请返回重新发起支付。", DomainErrorKind.Conflict);
        }

        order.State = succeed ? GatewayPaymentState.Paid : GatewayPaymentState.Failed;
        order.PaidAt = succeed ? now : null;
        order.TransactionId = succeed ? "SBX" + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)) : null;

        var notice = new SandboxPaymentNotice(
            Id: Guid.NewGuid().ToString(),
            CreateTime: now,
            EventType: succeed ? "TRANSACTION.SUCCESS" : "TRANSACTION.PAYERROR",
            Resource: new SandboxPaymentResource(order.OrderNumber, order.TransactionId ?? string.Empty, succeed ? "SUCCESS" : "PAYERROR",
                new SandboxAmount(order.AmountFen, "CNY"), order.PaidAt));
        var path = $"/api/payments/notify/{order.Channel}";
        SandboxCallbacks.Enqueue(db, path, notice, now, now + options.NotificationDelay);
        if (options.DuplicateNotifications)
        {
            SandboxCallbacks.Enqueue(db, path, notice, now, now + options.NotificationDelay + TimeSpan.FromMilliseconds(300));
        }

        await sandbox.SaveTogetherAsync(db, cancellationToken);
        return order;
    }
}
