using System.Net;
using System.Text;
using System.Text.Json;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests.Gateways;

/// <summary>The Alipay adapter against its simulator: RSA2 both ways, form notifications acknowledged with "success", replays, timeouts.</summary>
public class AlipayTests(PaymentGatewaysService service) : IClassFixture<PaymentGatewaysService>
{
    private Api Api => service.Api;

    private AlipaySimulator Alipay => service.Alipay;

    [Fact]
    public async Task An_order_is_precreated_by_a_signed_call_and_the_phone_cashier_is_a_signed_wap_pay_address()
    {
        var (_, order, number) = await ReadyToPay();

        Assert.Equal($"https://qr.alipay.com/bax{number}", order.GetProperty("qrContent").GetString());
        // Hunan's card fee (Data/regions/hunan.json, cardFeeFen: Damage 4000): the national 40 yuan, as Alipay writes yuan.
        Assert.Equal("40.00", Alipay.TotalOf(number));
        Assert.Equal(40m, order.GetProperty("amountYuan").GetDecimal());
        var (valid, method) = Alipay.CheckSignedAddress(order.GetProperty("cashierUrl").GetString()!);
        Assert.True(valid);
        Assert.Equal("alipay.trade.wap.pay", method);
    }

    [Fact]
    public async Task A_genuine_notification_pays_the_application_and_is_answered_success()
    {
        var (journey, _, number) = await ReadyToPay();
        Alipay.Pay(number);

        var response = await Notify(Alipay.Notification(number));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("success", await response.Content.ReadAsStringAsync());
        await journey.WaitFor("PhotoPending");
    }

    [Fact]
    public async Task A_tampered_or_unsigned_notification_is_answered_failure_and_changes_nothing()
    {
        var (journey, _, number) = await ReadyToPay();
        Alipay.Pay(number);

        await ExpectFailure(await Notify(Alipay.Notification(number, afterSigning: p => p["total_amount"] = "0.01")));
        await ExpectFailure(await Notify(Alipay.Notification(number, afterSigning: p => p["sign"] = p["sign"][..^4] + "AAAA")));
        await ExpectFailure(await Notify(Alipay.Notification(number, withSignature: false)));
        await ExpectFailure(await Notify(Alipay.Notification(number, afterSigning: p => p["app_id"] = "2021000000009999")));

        Assert.Equal("AddressGiven", (await journey.Progress()).GetProperty("state").GetString());
        Assert.Equal(0, await NotificationsRecorded(number));
    }

    [Fact]
    public async Task A_replayed_notification_pays_once()
    {
        var (journey, _, number) = await ReadyToPay();
        Alipay.Pay(number);
        var notification = Alipay.Notification(number);

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Notify(notification)));
        // Days later, a captured copy is posted again.
        var replay = await Notify(notification);

        Assert.All(responses.Append(replay), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var progress = await journey.WaitFor("PhotoPending");
        Assert.Single(progress.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("state").GetString() == "Paid");
        Assert.Equal(1, await NotificationsRecorded(number));
    }

    [Fact]
    public async Task A_genuinely_signed_notification_sent_long_ago_is_refused_as_a_replay_and_changes_nothing()
    {
        var (journey, _, number) = await ReadyToPay();
        Alipay.Pay(number);

        // Signed by Alipay, but sent half an hour ago: a captured copy posted again (docs/security.md, 5 minutes).
        await ExpectFailure(await Notify(Alipay.Notification(number, sentAt: DateTimeOffset.UtcNow.AddMinutes(-30))));
        await ExpectFailure(await Notify(Alipay.Notification(number, sentAt: DateTimeOffset.UtcNow.AddMinutes(30))));

        Assert.Equal("AddressGiven", (await journey.Progress()).GetProperty("state").GetString());
        Assert.Equal(0, await NotificationsRecorded(number));
    }

    [Fact]
    public async Task A_precreate_whose_answer_times_out_is_retried_with_the_same_out_trade_no()
    {
        Alipay.StallFirstPrecreate = true;
        try
        {
            var before = Alipay.Calls.Count;
            var (_, order, number) = await ReadyToPay();

            // The first precreate was held until the client's attempt timeout abandoned it, then made again under the same
            // out_trade_no; every precreate of this payment names that number, however many attempts a slow machine needed.
            var precreates = Alipay.Calls.Skip(before).Where(c => c.Method == "alipay.trade.precreate").ToList();
            Assert.True(precreates.Count >= 2, $"{precreates.Count} precreate(s)");
            Assert.All(precreates, c => Assert.Equal(number, c.OutTradeNo));
            await WeChatPayTests.Eventually(() => Alipay.AbandonedPrecreates.Contains(number));
            Assert.Equal($"https://qr.alipay.com/bax{number}", order.GetProperty("qrContent").GetString());
        }
        finally
        {
            Alipay.StallFirstPrecreate = false;
        }
    }

    [Fact]
    public async Task A_lost_notification_is_made_good_by_a_verified_trade_query()
    {
        var (journey, _, number) = await ReadyToPay();
        var unpaid = await Api.Get($"/api/applications/{journey.ApplicationId}/payments/current", journey.Token);
        Alipay.Pay(number);

        var paid = await Api.Get($"/api/applications/{journey.ApplicationId}/payments/current", journey.Token);

        Assert.Equal("Pending", unpaid.GetProperty("state").GetString());
        Assert.Equal("Paid", paid.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Switching_to_another_channel_closes_the_trade_at_Alipay()
    {
        var (journey, _, number) = await ReadyToPay();

        await journey.CreatePayment("WeChatPay");

        Assert.Equal("TRADE_CLOSED", Alipay.StatusOf(number));
    }

    private async Task<(Journey Journey, JsonElement Order, string Number)> ReadyToPay()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        var order = await journey.CreatePayment("Alipay");
        return (journey, order, order.GetProperty("orderNumber").GetString()!);
    }

    private Task<HttpResponseMessage> Notify(string form) =>
        Api.Http.PostAsync("/api/payments/notify/Alipay", new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));

    /// <summary>Alipay's documented refusal: anything but "success"; we answer "failure".</summary>
    private static async Task ExpectFailure(HttpResponseMessage response)
    {
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("failure", await response.Content.ReadAsStringAsync());
    }

    private async Task<int> NotificationsRecorded(string number)
    {
        await using var db = await service.Services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>().CreateDbContextAsync();
        return await db.ReceivedNotifications.CountAsync(n => n.Source == "payment:Alipay" && n.Reference == number);
    }
}
