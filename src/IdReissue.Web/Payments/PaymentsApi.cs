using System.Security.Claims;
using IdReissue.Application.Payments;
using IdReissue.Application.Ports;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Payments;
using IdReissue.Web.Auth;
using IdReissue.Web.Errors;
using IdReissue.Web.Idempotency;
using IdReissue.Web.Operations;
using IdReissue.Web.Presentation;
using IdReissue.Web.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

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

    public static async Task<Results<Created<PaymentView>, Ok<PaymentView>, ProblemHttpResult>> CreatePayment(
        Guid id, CreatePaymentRequest request, ClaimsPrincipal user, OpenPaymentOrderHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var opened = await handler.HandleAsync(
            new OpenPaymentOrder(id, user.ApplicantId(), request.Channel, request.AcknowledgeNoCancellationNoRefund, http.Connection.RemoteIpAddress?.ToString(), PayerOpenId: null,
                PhoneBrowser.IsPhone(http.Request)),
            cancellationToken);
        if (!opened.Succeeded)
        {
            return Problems.From(opened.Problem!);
        }

        var view = PaymentView.From(opened.Value.Order);
        return opened.Value.Created ? TypedResults.Created($"/api/applications/{id}/payments/current", view) : TypedResults.Ok(view);
    }

    /// <summary>The latest order. A pending one is checked with the gateway, so a lost notification does not leave the applicant waiting.</summary>
    public static async Task<Results<Ok<PaymentView>, ProblemHttpResult>> CurrentPayment(
        Guid id, ClaimsPrincipal user, GetCurrentPaymentHandler handler, CancellationToken cancellationToken)
    {
        var current = await handler.HandleAsync(new GetCurrentPayment(id, user.ApplicantId()), cancellationToken);
        return current.Succeeded ? TypedResults.Ok(PaymentView.From(current.Value)) : Problems.From(current.Problem!);
    }

    public static async Task<Results<ContentHttpResult, NoContent, ProblemHttpResult>> Notify(
        string channel, HttpRequest http, IPaymentGateways gateways, ApplyPaymentNotificationHandler handler, TimeProvider time,
        ApplicationMetrics metrics, ILogger<ApplyPaymentNotificationHandler> logger, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<PaymentChannel>(channel, ignoreCase: false, out var paymentChannel))
        {
            return Problems.NotFound("unknown_channel", "未知的支付渠道。");
        }

        var gateway = gateways.GatewayFor(paymentChannel);
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

        var applied = await handler.HandleAsync(new ApplyPaymentNotification(paymentChannel, notification), cancellationToken);
        LogNotification(logger, paymentChannel, notification.OrderNumber, applied.Outcome, applied.Repeat);
        metrics.Payment(paymentChannel.ToString(), applied.Repeat ? "Repeat" : applied.Outcome.ToString());

        return applied.Outcome switch
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment notification on {Channel} rejected: {Code}")]
    private static partial void LogRejected(ILogger logger, PaymentChannel channel, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment notification on {Channel} for order {OrderNumber}: {Outcome} (repeat: {Repeat})")]
    private static partial void LogNotification(ILogger logger, PaymentChannel channel, string orderNumber, SettlementOutcome outcome, bool repeat);
}
