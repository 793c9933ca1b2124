using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Payments;
using IdReissue.Domain.Regions;
using IdReissue.Infrastructure;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Applications;
using IdReissue.Web.Auth;
using IdReissue.Web.Errors;
using IdReissue.Web.Idempotency;
using IdReissue.Web.Operations;
using IdReissue.Web.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Payments;

/// <summary>Card-fee payment: create an order at the chosen gateway, learn the result by notification or query.</summary>
public static partial class PaymentsApi
{
    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder routes)
    {
        var applicant = routes.MapGroup("/api/applications/{id:guid}/payments").WithTags("Payments").RequireAuthorization(Policies.Applicant)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        applicant.MapPost("/", CreatePayment).WithIdempotencyKey().WithName("CreatePayment").WithSummary("Create (or reuse) a card-fee payment order at the chosen gateway");
        applicant.MapGet("/current", CurrentPayment).WithName("GetCurrentPayment").WithSummary("The latest payment order, checked with the gateway while pending");

        routes.MapPost("/api/payments/notify/{channel}", Notify).WithTags("Payments").AllowAnonymous()
            .WithName("ReceivePaymentNotification").WithSummary("A payment gateway's signed notification of a payment result").ReceivedAsWebhook("paymentNotification")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    public static Task<Results<Created<PaymentView>, Ok<PaymentView>, ProblemHttpResult>> CreatePayment(
        Guid id, CreatePaymentRequest request, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, PaymentGateways gateways,
        IOptions<PaymentOptions> options, TimeProvider time, HttpContext http, CancellationToken cancellationToken) =>
        OpenOrder(id, request, user, db, regions, gateways, options, time, http, payerOpenId: null, cancellationToken);

    /// <summary>Creates (or reuses) the order; with <paramref name="payerOpenId"/> (the payment page inside WeChat) a WeChat Pay
    /// order is one for WeChat's payment sheet (JSAPI). A pending order is reused only where it can be paid the same way.</summary>
    public static async Task<Results<Created<PaymentView>, Ok<PaymentView>, ProblemHttpResult>> OpenOrder(
        Guid id, CreatePaymentRequest request, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, PaymentGateways gateways,
        IOptions<PaymentOptions> options, TimeProvider time, HttpContext http, string? payerOpenId, CancellationToken cancellationToken)
    {
        var orderLifetime = options.Value.OrderLifetime;
        var application = await db.LoadOwnAsync(id, user, cancellationToken);
        var region = regions.Get(application.RegionId);
        if (request.Channel is not { } channel || !region.PaymentChannels.Contains(channel))
        {
            return Problems.Validation("payment_channel_not_offered",
                $"请选择支付方式：{string.Join("、", region.PaymentChannels.Select(c => $"{c.Chinese()}（{c}）"))}。", "channel");
        }

        application.RequireReadyToPay(region, request.AcknowledgeNoCancellationNoRefund);
        var now = time.GetUtcNow();
        var open = await db.PaymentOrders.Where(o => o.ApplicationId == application.Id && o.State == PaymentOrderState.Pending).ToListAsync(cancellationToken);
        payerOpenId = channel == PaymentChannel.WeChatPay ? payerOpenId : null;
        var reusable = open.FirstOrDefault(o => o.Channel == channel && o.ExpiresAt > now + TimeSpan.FromMinutes(2)
                                                && GatewayOrder.IsInApp(o.CashierUrl) == (payerOpenId is not null));
        if (reusable is not null)
        {
            return TypedResults.Ok(PaymentView.From(reusable));
        }

        foreach (var stale in open)
        {
            // Close the other order first, so the applicant cannot pay both; if it was paid meanwhile, say so.
            if (!await gateways.For(stale.Channel).CloseOrderAsync(stale.OrderNumber, cancellationToken))
            {
                return Problems.Create(409, "payment_in_progress", "您已在其他支付方式完成支付，正在确认结果，请稍后查看进度。");
            }

            stale.State = PaymentOrderState.Closed;
            stale.Version++;
        }

        // Closed before the new order is inserted: the unique index allows one pending order per application.
        await db.SaveChangesAsync(cancellationToken);
        var orderNumber = string.Create(CultureInfo.InvariantCulture, $"P{ChinaTime.Local(now):yyyyMMddHHmmss}{RandomNumberGenerator.GetInt32(0, 100_000_000):D8}");
        var gatewayOrder = await gateways.For(channel).CreateOrderAsync(
            new PaymentOrderRequest(orderNumber, application.CardFee, $"居民身份证{application.Case.Chinese()}工本费", now + orderLifetime,
                http.Connection.RemoteIpAddress?.ToString(), payerOpenId),
            cancellationToken);
        var order = new PaymentOrderRecord
        {
            OrderNumber = orderNumber,
            ApplicationId = application.Id,
            Channel = channel,
            AmountFen = application.CardFee.Fen,
            State = PaymentOrderState.Pending,
            CashierUrl = gatewayOrder.CashierUrl.ToString(),
            QrContent = gatewayOrder.QrContent,
            CreatedAt = now,
            ExpiresAt = now + orderLifetime,
        };
        db.PaymentOrders.Add(order);
        db.Enqueue(PaymentReconciliationHandler.KindName, new ReconcileOrder(orderNumber), now, now + options.Value.ReconcileAfter, $"reconcile:{orderNumber}");
        application.AcknowledgeNoRefund(now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request (a second tab) opened a pending order first. Ours exists only at the gateway and
            // nobody has seen its cashier: close it there, and answer with the order that stands.
            db.ChangeTracker.Clear();
            await gateways.For(channel).CloseOrderAsync(orderNumber, CancellationToken.None);
            var winner = await db.PaymentOrders.AsNoTracking()
                .SingleOrDefaultAsync(o => o.ApplicationId == application.Id && o.State == PaymentOrderState.Pending, CancellationToken.None);
            return winner is null ? throw new DbUpdateConcurrencyException("The pending payment order changed meanwhile.") : TypedResults.Ok(PaymentView.From(winner));
        }

        return TypedResults.Created($"/api/applications/{application.Id}/payments/current", PaymentView.From(order));
    }

    /// <summary>The latest order. A pending one is checked with the gateway, so a lost notification does not leave the applicant waiting.</summary>
    public static async Task<Results<Ok<PaymentView>, ProblemHttpResult>> CurrentPayment(
        Guid id, ClaimsPrincipal user, IdReissueDbContext db, PaymentGateways gateways, PaymentSettlement settlement, CancellationToken cancellationToken)
    {
        var application = await db.LoadOwnAsync(id, user, cancellationToken);
        var order = await db.PaymentOrders.Where(o => o.ApplicationId == application.Id).OrderByDescending(o => o.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (order is null)
        {
            return Problems.NotFound("payment_not_found", "该申请还没有发起缴费。");
        }

        if (order.State == PaymentOrderState.Pending)
        {
            var status = await gateways.For(order.Channel).QueryOrderAsync(order.OrderNumber, cancellationToken);
            await settlement.ApplyAsync(order.OrderNumber, status.State, status.Amount, status.TransactionId, Actor.Gateway($"query:{order.Channel}"), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(PaymentView.From(order));
    }

    public static async Task<Results<ContentHttpResult, NoContent, ProblemHttpResult>> Notify(
        string channel, HttpRequest http, IdReissueDbContext db, PaymentGateways gateways, PaymentSettlement settlement, TimeProvider time,
        ApplicationMetrics metrics, ILogger<PaymentSettlement> logger, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<PaymentChannel>(channel, ignoreCase: false, out var paymentChannel))
        {
            return Problems.NotFound("unknown_channel", "未知的支付渠道。");
        }

        var gateway = gateways.For(paymentChannel);
        var body = await WebhookBody.ReadAsync(http, cancellationToken);
        var headers = http.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        PaymentNotification notification;
        try
        {
            notification = gateway.ReadNotification(headers, body, time.GetUtcNow());
        }
        catch (PaymentNotificationRejectedException rejected)
        {
            LogRejected(logger, paymentChannel, rejected.Code);
            return Refuse(gateway, Problems.Create(401, rejected.Code, rejected.Message), rejected.Message);
        }

        var source = $"payment:{paymentChannel}";
        var seen = await db.ReceivedNotifications.AsNoTracking().SingleOrDefaultAsync(n => n.Source == source && n.NotificationId == notification.NotificationId, cancellationToken);
        var outcome = seen is not null
            ? Enum.Parse<SettlementOutcome>(seen.Outcome)
            : await SettleOnceAsync(db, settlement, notification, source, paymentChannel, time, cancellationToken);
        LogNotification(logger, paymentChannel, notification.OrderNumber, outcome, seen is not null);
        metrics.Payment(paymentChannel.ToString(), seen is null ? outcome.ToString() : "Repeat");

        return outcome switch
        {
            SettlementOutcome.AmountMismatch => Refuse(gateway, Problems.Validation("amount_mismatch", AmountMismatch), AmountMismatch),
            SettlementOutcome.UnknownOrder => Refuse(gateway, Problems.NotFound("order_not_found", "查无此订单。"), "查无此订单。"),
            _ => Answer(gateway.Acknowledgement),
        };
    }

    private const string AmountMismatch = "通知金额与订单金额不一致，已拒绝并转人工核查。";

    /// <summary>A refusal in the gateway's own format (so it retries as its documentation says), or the problem where it has none.</summary>
    private static Results<ContentHttpResult, NoContent, ProblemHttpResult> Refuse(IPaymentGateway gateway, ProblemHttpResult problem, string message) =>
        gateway.Refusal(problem.StatusCode, message) is { } refusal ? Answer(refusal) : problem;

    /// <summary>The gateway's answer as it documents it; a 204 goes without body or content type, as HTTP requires.</summary>
    private static Results<ContentHttpResult, NoContent, ProblemHttpResult> Answer(GatewayAnswer answer) =>
        answer.StatusCode == StatusCodes.Status204NoContent
            ? TypedResults.NoContent()
            : TypedResults.Content(answer.Body, answer.ContentType, statusCode: answer.StatusCode);

    /// <summary>Settles and records the notification in one transaction. A conflicting concurrent write
    /// (a duplicate of this notification, or another change to the application) makes it start over, so
    /// a payment is never acknowledged without being applied; a duplicate that won the race has its outcome reused.</summary>
    private static async Task<SettlementOutcome> SettleOnceAsync(
        IdReissueDbContext db, PaymentSettlement settlement, PaymentNotification notification, string source, PaymentChannel channel, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await settlement.ApplyAsync(notification.OrderNumber, notification.State, notification.Amount, notification.TransactionId,
                Actor.Gateway($"notify:{channel}"), cancellationToken);
            if (outcome != SettlementOutcome.UnknownOrder)
            {
                db.ReceivedNotifications.Add(new ReceivedNotification
                {
                    NotificationId = notification.NotificationId,
                    Source = source,
                    Reference = notification.OrderNumber,
                    ReceivedAt = time.GetUtcNow(),
                    Outcome = outcome.ToString(),
                });
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return outcome;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
                var winner = await db.ReceivedNotifications.AsNoTracking().SingleOrDefaultAsync(n => n.Source == source && n.NotificationId == notification.NotificationId, cancellationToken);
                if (winner is not null)
                {
                    return Enum.Parse<SettlementOutcome>(winner.Outcome);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment notification on {Channel} rejected: {Code}")]
    private static partial void LogRejected(ILogger logger, PaymentChannel channel, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment notification on {Channel} for order {OrderNumber}: {Outcome} (repeat: {Repeat})")]
    private static partial void LogNotification(ILogger logger, PaymentChannel channel, string orderNumber, SettlementOutcome outcome, bool repeat);
}
