using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Payments;
using IdReissue.Domain.Regions;

namespace IdReissue.Application.Payments;

/// <summary>
/// Pay the card fee by <paramref name="Channel"/>: opens (or reuses) the application's order at the gateway.
/// With <paramref name="PayerOpenId"/> (the payment page inside WeChat) a WeChat Pay order is one for WeChat's
/// payment sheet (JSAPI). <paramref name="PayerIp"/> is the payer's address, which some gateways must be given;
/// <paramref name="PayerOnPhone"/> asks for the gateway's phone payment (H5) where it has one.
/// </summary>
public sealed record OpenPaymentOrder(
    Guid ApplicationId, Guid AccountId, PaymentChannel? Channel, bool AcknowledgedNoCancellationNoRefund, string? PayerIp, string? PayerOpenId,
    bool PayerOnPhone = false);

/// <summary>The order to pay, and whether it was opened now (false: an open one was reused).</summary>
public sealed record OpenedPaymentOrder(PaymentOrder Order, bool Created);

public sealed class OpenPaymentOrderHandler(
    IApplicationStore applications, IPaymentOrderStore orders, IRegionPolicies regions, IPaymentGateways gateways, PendingOrderClosing closing,
    IOutbox outbox, IUnitOfWork unitOfWork, PaymentTimings timings, TimeProvider time)
{
    public async Task<Result<OpenedPaymentOrder>> HandleAsync(OpenPaymentOrder command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var application = await applications.FindOwnAsync(command.ApplicationId, command.AccountId, cancellationToken);
        if (application is null)
        {
            return ApplicationProblems.NotFound;
        }

        var region = regions.PolicyOf(application.RegionId);
        if (command.Channel is not { } channel || !region.PaymentChannels.Contains(channel))
        {
            return Problem.Invalid("payment_channel_not_offered",
                $"请选择支付方式：{string.Join("、", region.PaymentChannels.Select(c => $"{c.Chinese()}（{c}）"))}。", "channel");
        }

        application.RequireReadyToPay(region, command.AcknowledgedNoCancellationNoRefund);
        var now = time.GetUtcNow();
        var open = await orders.PendingForAsync(application.Id, cancellationToken);
        var payerOpenId = channel == PaymentChannel.WeChatPay ? command.PayerOpenId : null;
        if (open.FirstOrDefault(o => o.CanBeReusedFor(channel, inApp: payerOpenId is not null, now)) is { } reusable)
        {
            return new OpenedPaymentOrder(reusable, Created: false);
        }

        // Close the other order first, so the applicant cannot pay both; if it was paid meanwhile, say so.
        if (!await closing.CloseAllAsync(open, cancellationToken))
        {
            return Problem.Conflict("payment_in_progress", "您已在其他支付方式完成支付，正在确认结果，请稍后查看进度。");
        }

        // Closed before the new order is inserted: the database allows one pending order per application.
        await unitOfWork.SaveAsync(cancellationToken);
        var orderNumber = PaymentOrder.NewNumber(now);
        var gatewayOrder = await gateways.GatewayFor(channel).CreateOrderAsync(
            new PaymentOrderRequest(orderNumber, application.CardFee, $"居民身份证{application.Case.Chinese()}工本费", now + timings.OrderLifetime,
                command.PayerIp, payerOpenId, command.PayerOnPhone),
            cancellationToken);
        var order = PaymentOrder.Open(orderNumber, application.Id, channel, application.CardFee, gatewayOrder, now, now + timings.OrderLifetime);
        orders.Add(order);
        outbox.Enqueue(ReconcilePaymentOrderHandler.Kind, new ReconcilePaymentOrder(orderNumber), now, now + timings.ReconcileAfter, $"reconcile:{orderNumber}");
        application.AcknowledgeNoRefund(now);
        if (await unitOfWork.TrySaveAsync(cancellationToken))
        {
            return new OpenedPaymentOrder(order, Created: true);
        }

        // Another request (a second tab) opened a pending order first. Ours exists only at the gateway and
        // nobody has seen its cashier: close it there, and answer with the order that stands.
        await gateways.GatewayFor(channel).CloseOrderAsync(orderNumber, CancellationToken.None);
        var winner = await orders.StandingPendingForAsync(application.Id, CancellationToken.None);
        return winner is null ? ApplicationProblems.ConcurrentUpdate : new OpenedPaymentOrder(winner, Created: false);
    }
}
