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

    public PaymentOrder? Pending { get; private set; }

    public string? QrDataUrl { get; private set; }

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
                new OpenPaymentOrder(Id, User.ApplicantId(), Input.Channel, Input.Acknowledge, HttpContext.Connection.RemoteIpAddress?.ToString(), payerOpenId),
                cancellationToken)).ValueOrThrow();
            return LocalRedirect($"/apply/{Id}/payment");
        }, () => PrepareAsync(cancellationToken));
    }

    /// <summary>"我已完成支付": asks the gateway now instead of waiting for its notification.</summary>
    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        await currentPayment.HandleAsync(new GetCurrentPayment(Id, User.ApplicantId()), cancellationToken);
        return Continue();
    }

    public async Task<IActionResult> OnGetStatusAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        await currentPayment.HandleAsync(new GetCurrentPayment(Id, User.ApplicantId()), cancellationToken);
        return new JsonResult(new { settled = Application.State != ApplicationState.AddressGiven });
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
        Input.Channel ??= Pending?.Channel ?? (Channels.Count > 0 ? Channels[0] : null);
    }

    private bool PayableHere(PaymentOrder order) =>
        order.IsInApp == (order.Channel == PaymentChannel.WeChatPay && weChatPayer.PaysWithJsapi(Request));

    public string CashierLink(PaymentOrder order) => order.CashierUrl + "?return=" + Uri.EscapeDataString($"/apply/{Id}/payment");
}

public sealed class PayInput
{
    [Display(Name = "支付方式")]
    public PaymentChannel? Channel { get; set; }

    [Display(Name = "我已阅读并同意办理须知")]
    public bool Acknowledge { get; set; }
}
