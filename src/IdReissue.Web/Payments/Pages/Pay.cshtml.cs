using System.ComponentModel.DataAnnotations;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Payments;
using IdReissue.Infrastructure;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Applications;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Payments.Pages;

/// <summary>
/// The no-cancellation acknowledgement and the card fee: the order is created at the chosen gateway and
/// shown as its QR code and cashier link; the page learns the result from the notification or by asking.
/// </summary>
public sealed class PayModel(
    IdReissueDbContext db, RegionCatalog regions, PaymentGateways gateways, PaymentSettlement settlement, IOptions<PaymentOptions> options, TimeProvider time)
    : ApplicantPage(db, regions)
{
    [BindProperty]
    public PayInput Input { get; set; } = new();

    public PaymentOrderRecord? Pending { get; private set; }

    public string? QrDataUrl { get; private set; }

    /// <summary>The region's channels that work in this browser (WeChat's allows only WeChat Pay).</summary>
    public IReadOnlyList<PaymentChannel> Channels { get; private set; } = [];

    /// <summary>Inside WeChat a WeChat Pay order is paid in the in-app payment sheet (JSAPI), not by QR code.</summary>
    public bool PaysInApp(PaymentOrderRecord order) => WeChatBrowser.PaysInApp(Request, order.Channel);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var redirect = await LoadForStepAsync("payment", cancellationToken);
        if (redirect is not null)
        {
            return redirect;
        }

        await PrepareAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var redirect = await LoadForStepAsync("payment", cancellationToken);
        return redirect ?? await AttemptAsync(async () =>
        {
            ResultValue.Of<PaymentView>(await PaymentsApi.CreatePayment(
                Id, new CreatePaymentRequest(Input.Channel, Input.Acknowledge), User, Db, Regions, gateways, options, time, HttpContext, cancellationToken));
            return LocalRedirect($"/apply/{Id}/payment");
        }, () => PrepareAsync(cancellationToken));
    }

    /// <summary>"我已完成支付": asks the gateway now instead of waiting for its notification.</summary>
    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        await PaymentsApi.CurrentPayment(Id, User, Db, gateways, settlement, cancellationToken);
        return Continue();
    }

    public async Task<IActionResult> OnGetStatusAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        await PaymentsApi.CurrentPayment(Id, User, Db, gateways, settlement, cancellationToken);
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
        Step(7, "/apply");
        var now = time.GetUtcNow();
        Pending = await Db.PaymentOrders.AsNoTracking()
            .Where(o => o.ApplicationId == Id && o.State == PaymentOrderState.Pending)
            .OrderByDescending(o => o.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (Pending is not null && Pending.ExpiresAt <= now)
        {
            Pending = null;
        }

        QrDataUrl = Pending is null ? null : QrCodeImage.DataUrl(Pending.QrContent);
        Channels = WeChatBrowser.UsableChannels(Request, Region.PaymentChannels);
        Input.Channel ??= Pending?.Channel ?? (Channels.Count > 0 ? Channels[0] : null);
    }

    public string CashierLink(PaymentOrderRecord order) => order.CashierUrl + "?return=" + Uri.EscapeDataString($"/apply/{Id}/payment");
}

public sealed class PayInput
{
    [Display(Name = "支付方式")]
    public PaymentChannel? Channel { get; set; }

    [Display(Name = "我已阅读并同意办理须知")]
    public bool Acknowledge { get; set; }
}
