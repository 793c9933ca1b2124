using System.Globalization;
using System.ComponentModel.DataAnnotations;
using IdReissue.Application.Payments;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Domain.Payments;
using IdReissue.Infrastructure.Regions;
using IdReissue.Infrastructure.WeChatPay;
using IdReissue.Web.Applications;
using IdReissue.Web.Auth;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Payments.Pages;

/// <summary>
/// The no-cancellation acknowledgement and the card fee: the order is created at the chosen gateway and
/// shown as its QR code and cashier link; the page learns the result from the notification or by asking.
/// Inside WeChat, with JSAPI configured, the payer's openid is first learnt by a silent 网页授权 and the order is
/// paid in WeChat's own payment sheet; its result on the page only hastens the check, it never settles anything.
/// </summary>
public sealed class PayModel(
    IApplicationStore applications, RegionCatalog regions, IPaymentOrderStore orders, OpenPaymentOrderHandler openOrder, GetCurrentPaymentHandler currentPayment,
    TimeProvider time, WeChatPayerAuthorization weChatPayer)
    : ApplicantPage(applications, regions)
{
    [BindProperty]
    public PayInput Input { get; set; } = new();

    /// <summary>This request is the form's own post (the acknowledgement and channel as the applicant sent them).</summary>
    private bool _formSent;

    public PaymentOrder? Pending { get; private set; }

    public string? QrDataUrl { get; private set; }

    /// <summary>Seen on a phone: the gateway's app is opened first, the QR code is only for paying from another device.</summary>
    public bool OnPhone { get; private set; }

    /// <summary>What became of the applicant's last order when none is open now (failed, closed, expired), said in Chinese.</summary>
    public string? LastAttempt { get; private set; }

    /// <summary>"我已完成支付" was pressed but the gateway has not confirmed the payment yet.</summary>
    public bool NotYetConfirmed { get; private set; }

    /// <summary>WeChat's payment sheet for a pending JSAPI order, signed for this showing.</summary>
    public WeChatPaySheet? Sheet { get; private set; }

    /// <summary>The region's channels that work in this browser (WeChat's allows only WeChat Pay).</summary>
    public IReadOnlyList<PaymentChannel> Channels { get; private set; } = [];

    /// <summary>Inside WeChat a WeChat Pay order is paid in the in-app payment sheet (JSAPI), not by QR code.</summary>
    public bool PaysInApp(PaymentOrder order) => WeChatBrowser.PaysInApp(Request, order.Channel);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var redirect = await LoadForStepAsync("payment", cancellationToken);
        if (redirect is not null)
        {
            return redirect;
        }

        await PrepareAsync(cancellationToken);
        if (Pending is null && Channels.Contains(PaymentChannel.WeChatPay) && weChatPayer.PaysWithJsapi(Request) && weChatPayer.OpenId(HttpContext, Id) is null)
        {
            // Inside WeChat a WeChat Pay order needs the payer's openid: ask WeChat for it now, silently.
            return Redirect(weChatPayer.Begin(HttpContext, Id).AbsoluteUri);
        }

        return Page();
    }

    /// <summary>WeChat's redirect back from 网页授权 with a code and our state.</summary>
    public async Task<IActionResult> OnGetWeChatAuthorizedAsync(string? code, string? state, CancellationToken cancellationToken)
    {
        var redirect = await LoadForStepAsync("payment", cancellationToken);
        if (redirect is not null)
        {
            return redirect;
        }

        try
        {
            await weChatPayer.CompleteAsync(HttpContext, Id, code, state, cancellationToken);
            return LocalRedirect($"/apply/{Id}/payment");
        }
        catch (DomainException failed) when (failed.Code.StartsWith("wechat_authorization_", StringComparison.Ordinal))
        {
            ModelState.AddModelError(string.Empty, failed.Message);
            Response.StatusCode = failed.Code == "wechat_authorization_state_mismatch" ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
            await PrepareAsync(cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        _formSent = true;
        var redirect = await LoadForStepAsync("payment", cancellationToken);
        if (redirect is not null)
        {
            return redirect;
        }

        string? payerOpenId = null;
        if (Input.Channel == PaymentChannel.WeChatPay && weChatPayer.PaysWithJsapi(Request))
        {
            payerOpenId = weChatPayer.OpenId(HttpContext, Id);
            if (payerOpenId is null)
            {
                // The authorisation expired while the form was open: ask again, the form is shown afresh after.
                return Redirect(weChatPayer.Begin(HttpContext, Id).AbsoluteUri);
            }
        }

        return await AttemptAsync(async () =>
        {
            (await openOrder.HandleAsync(
                new OpenPaymentOrder(Id, User.ApplicantId(), Input.Channel, Input.Acknowledge, HttpContext.Connection.RemoteIpAddress?.ToString(), payerOpenId,
                    PhoneBrowser.IsPhone(Request)),
                cancellationToken)).ValueOrThrow();
            return LocalRedirect($"/apply/{Id}/payment");
        }, () => PrepareAsync(cancellationToken));
    }

    /// <summary>"我已完成支付": asks the gateway now instead of waiting for its notification.</summary>
    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        await currentPayment.HandleAsync(new GetCurrentPayment(Id, User.ApplicantId()), cancellationToken);
        var redirect = await LoadForStepAsync("payment", cancellationToken);
        if (redirect is not null)
        {
            // Paid (or otherwise moved on): the next step.
            return redirect;
        }

        // Still at the payment step: say so, rather than showing the same page as if nothing was asked.
        await PrepareAsync(cancellationToken);
        NotYetConfirmed = Pending is not null;
        return Page();
    }

    /// <summary>The poll of a pending payment: "settled" once the application moved on or the order ended unpaid (the page then says so).</summary>
    public async Task<IActionResult> OnGetStatusAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var current = await currentPayment.HandleAsync(new GetCurrentPayment(Id, User.ApplicantId()), cancellationToken);
        var endedUnpaid = current.Succeeded && current.Value.State is PaymentOrderState.Failed or PaymentOrderState.Closed;
        return new JsonResult(new { settled = Application.State != ApplicationState.AddressGiven || endedUnpaid });
    }

    /// <summary>Back from the gateway's cashier (paid, failed or abandoned): the gateway is asked at once, then the page
    /// (or the next step) is shown afresh.</summary>
    public async Task<IActionResult> OnGetReturnedAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        await currentPayment.HandleAsync(new GetCurrentPayment(Id, User.ApplicantId()), cancellationToken);
        return Continue();
    }

    protected override string? FieldFor(string code) => code switch
    {
        "payment_channel_not_offered" => "channel",
        "acknowledgement_required" => "acknowledge",
        _ => null,
    };

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        Step("payment", "/apply");
        var now = time.GetUtcNow();
        Pending = await orders.StandingPendingForAsync(Id, cancellationToken);
        if (Pending is not null && (Pending.ExpiresAt <= now || !PayableHere(Pending)))
        {
            // Expired, or made for the other side of WeChat's wall (a JSAPI order outside WeChat, a QR code inside it):
            // the form makes a new one, which closes this one first.
            Pending = null;
        }

        var inApp = Pending is { IsInApp: true };
        QrDataUrl = Pending is null || inApp ? null : QrCodeImage.DataUrl(Pending.QrContent);
        Sheet = inApp ? weChatPayer.Sheet(Pending!.QrContent, now) : null;
        Channels = WeChatBrowser.UsableChannels(Request, Region.PaymentChannels);
        OnPhone = PhoneBrowser.IsPhone(Request);
        var latest = Pending is null ? await orders.LatestForAsync(Id, cancellationToken) : null;
        LastAttempt = latest is null ? null : LastAttemptSentence(latest, now);
        if (latest is not null && Channels.Contains(latest.Channel) && !_formSent)
        {
            // Back after a failed or abandoned payment: the form shows what was chosen (the notice was agreed to then).
            // Not when the form itself came back refused: what the applicant just sent stands, ticked or not.
            Input.Channel ??= latest.Channel;
            Input.Acknowledge |= Application.NoRefundAcknowledgedAt is not null;
        }

        Input.Channel ??= Pending?.Channel ?? (Channels.Count > 0 ? Channels[0] : null);
    }

    private static string? LastAttemptSentence(PaymentOrder order, DateTimeOffset now) => order.State switch
    {
        PaymentOrderState.Failed => $"上次{order.Channel.Chinese()}支付未成功，没有扣款。请重新支付，或换一种支付方式。",
        PaymentOrderState.Closed => $"上次{order.Channel.Chinese()}支付未完成，订单已关闭，没有扣款。请重新支付。",
        PaymentOrderState.Pending when order.ExpiresAt <= now => $"上次{order.Channel.Chinese()}支付未在规定时间内完成，没有扣款。请重新支付。",
        _ => null,
    };

    private bool PayableHere(PaymentOrder order) =>
        order.IsInApp == (order.Channel == PaymentChannel.WeChatPay && weChatPayer.PaysWithJsapi(Request));

    /// <summary>The order and the time it must be paid by, as every way of paying says it.</summary>
    public static string Deadline(PaymentOrder order) =>
        string.Create(CultureInfo.InvariantCulture, $"订单号 {order.OrderNumber}，请在 {ChinaTime.Local(order.ExpiresAt):HH:mm} 前完成支付。");

    /// <summary>The order's cashier. The sandbox's cashier is told where to send the payer back; a real gateway's address is
    /// signed as it stands (a parameter added to Alipay's would break its signature) and returns by the merchant's configured URL.</summary>
    public string CashierLink(PaymentOrder order) =>
        Uri.TryCreate(order.CashierUrl, UriKind.Absolute, out var cashier) && cashier.AbsolutePath.StartsWith("/sandbox/cashier/", StringComparison.Ordinal) && cashier.Query.Length == 0
            ? order.CashierUrl + "?return=" + Uri.EscapeDataString($"/apply/{Id}/payment?handler=Returned")
            : order.CashierUrl;
}

public sealed class PayInput
{
    [Display(Name = "支付方式")]
    public PaymentChannel? Channel { get; set; }

    [Display(Name = "我已阅读并同意办理须知")]
    public bool Acknowledge { get; set; }
}
