using System.Net;
using System.Text;
using System.Text.Json;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>The notify endpoint against forged, duplicated, late, out-of-order and wrong-amount notifications.</summary>
[Collection(SharedService.Name)]
public class PaymentNotificationTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task A_notification_with_a_bad_signature_is_refused_and_pays_nothing()
    {
        var (journey, order) = await ReadyToPay();
        var body = Notice(order, "SUCCESS", 4000);
        var forger = new SandboxSigner();
        forger.UseKey(new byte[32]);

        await Api.ExpectProblem(await Notify(body, forger.Sign(body, DateTimeOffset.UtcNow)), HttpStatusCode.Unauthorized, "invalid_signature");
        await Api.ExpectProblem(await Notify(body, new Dictionary<string, string>()), HttpStatusCode.Unauthorized, "signature_missing");

        Assert.Equal("AddressGiven", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_genuine_but_old_notification_is_refused_as_a_replay()
    {
        var (journey, order) = await ReadyToPay();
        var body = Notice(order, "SUCCESS", 4000);

        await Api.ExpectProblem(await Notify(body, Signer().Sign(body, DateTimeOffset.UtcNow.AddMinutes(-10))), HttpStatusCode.Unauthorized, "stale_notification");

        Assert.Equal("AddressGiven", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_notification_that_arrives_many_times_at_once_pays_once()
    {
        var (journey, order) = await ReadyToPay();
        var body = Notice(order, "SUCCESS", 4000);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Notify(body, Signer().Sign(body, DateTimeOffset.UtcNow))));
        // A different notification id for the same payment, as a gateway's second delivery may carry.
        var again = Notice(order, "SUCCESS", 4000);
        var late = await Notify(again, Signer().Sign(again, DateTimeOffset.UtcNow));

        Assert.All(responses.Append(late), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var progress = await journey.WaitFor("PhotoPending");
        Assert.Single(progress.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("state").GetString() == "Paid");
        var payment = await Api.Get($"/api/applications/{journey.ApplicationId}/payments/current", journey.Token);
        Assert.Equal("Paid", payment.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_failure_notice_arriving_after_success_changes_nothing()
    {
        var (journey, order) = await ReadyToPay();
        var success = Notice(order, "SUCCESS", 4000);
        var failure = Notice(order, "PAYERROR", 4000);

        await Api.Expect(await Notify(success, Signer().Sign(success, DateTimeOffset.UtcNow)), HttpStatusCode.OK);
        await Api.Expect(await Notify(failure, Signer().Sign(failure, DateTimeOffset.UtcNow)), HttpStatusCode.OK);

        Assert.Equal("PhotoPending", (await journey.Progress()).GetProperty("state").GetString());
        Assert.Equal("Paid", (await Api.Get($"/api/applications/{journey.ApplicationId}/payments/current", journey.Token)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_notification_whose_amount_differs_from_the_order_is_refused()
    {
        var (journey, order) = await ReadyToPay();
        var body = Notice(order, "SUCCESS", 1);

        await Api.ExpectProblem(await Notify(body, Signer().Sign(body, DateTimeOffset.UtcNow)), HttpStatusCode.UnprocessableEntity, "amount_mismatch");
        // The gateway retries the same notification: still refused, still unpaid.
        await Api.ExpectProblem(await Notify(body, Signer().Sign(body, DateTimeOffset.UtcNow)), HttpStatusCode.UnprocessableEntity, "amount_mismatch");

        Assert.Equal("AddressGiven", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_notification_for_an_unknown_order_is_not_found()
    {
        var body = SandboxMessages.PaymentNotice("P-NOPE", "SUCCESS", 4000);

        await Api.ExpectProblem(await Notify(body, Signer().Sign(body, DateTimeOffset.UtcNow)), HttpStatusCode.NotFound, "order_not_found");
    }

    [Fact]
    public async Task A_lost_notification_is_made_good_by_querying_the_gateway()
    {
        var (journey, order) = await ReadyToPay();
        // The gateway took the money but its notification never left: only its own order says so.
        var orderNumber = order.GetProperty("orderNumber").GetString();
        await using (var db = await service.Services.GetRequiredService<IDbContextFactory<SandboxDbContext>>().CreateDbContextAsync())
        {
            var gatewayOrder = await db.SandboxPaymentOrders.SingleAsync(o => o.OrderNumber == orderNumber);
            gatewayOrder.State = GatewayPaymentState.Paid;
            gatewayOrder.PaidAt = DateTimeOffset.UtcNow;
            gatewayOrder.TransactionId = "SBX-LOST-NOTICE";
            await db.SaveChangesAsync();
        }

        Assert.Equal("AddressGiven", (await journey.Progress()).GetProperty("state").GetString());
        var payment = await Api.Get($"/api/applications/{journey.ApplicationId}/payments/current", journey.Token);

        Assert.Equal("Paid", payment.GetProperty("state").GetString());
        Assert.Equal("PhotoPending", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Paying_twice_through_another_channel_is_impossible_once_paid()
    {
        var (journey, order) = await ReadyToPay();
        await journey.PayAtCashier(order);
        await journey.WaitFor("PhotoPending");

        await Api.ExpectProblem(await Api.Post($"/api/applications/{journey.ApplicationId}/payments", journey.Token,
            new { channel = "Alipay", acknowledgeNoCancellationNoRefund = true }), HttpStatusCode.Conflict, "step_out_of_order");
        await Api.ExpectProblem(await Api.Post($"/api/applications/{journey.ApplicationId}/cancel", journey.Token), HttpStatusCode.Conflict, "cancellation_not_allowed");
    }

    [Fact]
    public async Task Switching_channel_closes_the_first_order_so_it_cannot_be_paid()
    {
        var (journey, first) = await ReadyToPay();
        var second = await journey.CreatePayment("Alipay");

        await Api.ExpectProblem(await Api.Http.PostAsync(new Uri(first.GetProperty("cashierUrl").GetString() + "/pay"), new FormUrlEncodedContent([new("outcome", "success")])),
            HttpStatusCode.Conflict, "order_closed");
        await journey.PayAtCashier(second);
        await journey.WaitFor("PhotoPending");
    }

    [Fact]
    public async Task Cancelling_before_payment_closes_the_open_order_so_it_cannot_be_paid()
    {
        var (journey, order) = await ReadyToPay();

        await Api.Expect(await Api.Post($"/api/applications/{journey.ApplicationId}/cancel", journey.Token), HttpStatusCode.OK);

        await Api.ExpectProblem(await Api.Http.PostAsync(new Uri(order.GetProperty("cashierUrl").GetString() + "/pay"), new FormUrlEncodedContent([new("outcome", "success")])),
            HttpStatusCode.Conflict, "order_closed");
        Assert.Equal("Cancelled", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Two_tabs_starting_payment_at_once_get_one_order_between_them()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Api.Post($"/api/applications/{journey.ApplicationId}/payments", journey.Token,
            new { channel = "WeChatPay", acknowledgeNoCancellationNoRefund = true })));

        var orders = await Task.WhenAll(responses.Select(r => Api.Expect(r, r.StatusCode == HttpStatusCode.Created ? HttpStatusCode.Created : HttpStatusCode.OK)));
        Assert.Single(orders.Select(o => o.GetProperty("orderNumber").GetString()).Distinct());
        await using var db = await service.Services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.PaymentOrders.CountAsync(o => o.ApplicationId == journey.ApplicationId && o.State == Domain.Payments.PaymentOrderState.Pending));
    }

    [Fact]
    public async Task A_notification_id_already_used_by_another_gateway_is_still_applied()
    {
        var (first, wechatOrder) = await ReadyToPay();
        var id = Guid.NewGuid().ToString();
        var wechat = NoticeWithId(id, wechatOrder, 4000);
        await Api.Expect(await Notify(wechat, Signer().Sign(wechat, DateTimeOffset.UtcNow)), HttpStatusCode.OK);
        await first.WaitFor("PhotoPending");

        var second = await Journey.Begin(Api, "hunan");
        await second.ToAddressGiven("Damage");
        var alipayOrder = await second.CreatePayment("Alipay");
        var alipay = NoticeWithId(id, alipayOrder, 4000);
        await Api.Expect(await Notify(alipay, Signer().Sign(alipay, DateTimeOffset.UtcNow), "Alipay"), HttpStatusCode.OK);

        await second.WaitFor("PhotoPending");
    }

    [Fact]
    public async Task Webhook_bodies_over_64_KB_are_refused_before_they_are_read_whole()
    {
        var (journey, order) = await ReadyToPay();
        var padded = Notice(order, "SUCCESS", 4000)[..^1] + ",\"padding\":\"" + new string('x', 70 * 1024) + "\"}";

        await Api.ExpectProblem(await Notify(padded, Signer().Sign(padded, DateTimeOffset.UtcNow)), HttpStatusCode.RequestEntityTooLarge, "notification_too_large");
        using var courier = new HttpRequestMessage(HttpMethod.Post, "/api/courier/events") { Content = new StringContent(padded, Encoding.UTF8, "application/json") };
        await Api.ExpectProblem(await Api.Http.SendAsync(courier), HttpStatusCode.RequestEntityTooLarge, "notification_too_large");

        Assert.Equal("AddressGiven", (await journey.Progress()).GetProperty("state").GetString());
    }

    private async Task<(Journey Journey, JsonElement Order)> ReadyToPay()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        return (journey, await journey.CreatePayment("WeChatPay"));
    }

    private SandboxSigner Signer()
    {
        var signer = new SandboxSigner();
        signer.UseKey(service.SigningKey);
        return signer;
    }

    private static string Notice(JsonElement order, string state, long amountFen) =>
        SandboxMessages.PaymentNotice(order.GetProperty("orderNumber").GetString()!, state, amountFen);

    private static string NoticeWithId(string id, JsonElement order, long amountFen) =>
        SandboxMessages.PaymentNotice(order.GetProperty("orderNumber").GetString()!, "SUCCESS", amountFen, id);

    private Task<HttpResponseMessage> Notify(string body, IDictionary<string, string> headers, string channel = "WeChatPay") =>
        SandboxMessages.PostAsync(Api, $"/api/payments/notify/{channel}", body, headers);
}
