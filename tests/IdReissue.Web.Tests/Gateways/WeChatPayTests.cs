using System.Net;
using System.Text.Json;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests.Gateways;

/// <summary>The WeChat Pay API v3 adapter against its simulator: signatures both ways, encrypted notifications, replays, timeouts.</summary>
public class WeChatPayTests(PaymentGatewaysService service) : IClassFixture<PaymentGatewaysService>
{
    private Api Api => service.Api;

    private WeChatPaySimulator WeChat => service.WeChat;

    [Fact]
    public async Task An_order_is_made_at_WeChat_Pay_by_a_signed_request_in_fen_and_its_QR_code_shown()
    {
        var (_, order, number) = await ReadyToPay();

        Assert.StartsWith("weixin://wxpay/bizpayurl?pr=", order.GetProperty("qrContent").GetString(), StringComparison.Ordinal);
        // Hunan's card fee (Data/regions/hunan.json, cardFeeFen: Damage 4000): the national 40 yuan, in fen; not the service's own figure read back.
        Assert.Equal(4000, WeChat.TotalOf(number));
        Assert.Equal(40m, order.GetProperty("amountYuan").GetDecimal());
        Assert.Equal("NOTPAY", WeChat.StateOf(number));
    }

    [Fact]
    public async Task A_genuine_encrypted_notification_pays_the_application_and_is_acknowledged_with_204()
    {
        var (journey, _, number) = await ReadyToPay();
        WeChat.Pay(number);
        var (body, headers) = WeChat.Notification(number);

        var response = await Notify(body, headers);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        await journey.WaitFor("PhotoPending");
    }

    [Fact]
    public async Task A_tampered_forged_or_unsigned_notification_is_refused_with_FAIL_and_changes_nothing()
    {
        var (journey, _, number) = await ReadyToPay();
        WeChat.Pay(number);
        var (body, headers) = WeChat.Notification(number);
        var tampered = body.Replace("\"event_type\":\"TRANSACTION.SUCCESS\"", "\"event_type\":\"TRANSACTION.SUCCESS\" ", StringComparison.Ordinal);

        await ExpectFail(await Notify(tampered, headers), HttpStatusCode.Unauthorized);
        await ExpectFail(await Notify(body, WeChat.ForgedHeaders(body)), HttpStatusCode.Unauthorized);
        await ExpectFail(await Notify(body, new Dictionary<string, string>()), HttpStatusCode.Unauthorized);

        Assert.Equal("AddressGiven", (await journey.Progress()).GetProperty("state").GetString());
        Assert.Equal(0, await NotificationsRecorded(number));
    }

    [Fact]
    public async Task A_notification_whose_resource_does_not_decrypt_is_refused()
    {
        var (journey, _, number) = await ReadyToPay();
        WeChat.Pay(number);
        var (body, _) = WeChat.Notification(number);
        // Signed correctly by the platform, but the ciphertext was altered before signing: AES-GCM's tag fails.
        var node = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        var ciphertext = Convert.FromBase64String(node["resource"]!["ciphertext"]!.GetValue<string>());
        ciphertext[0] ^= 1;
        node["resource"]!["ciphertext"] = Convert.ToBase64String(ciphertext);
        var altered = node.ToJsonString();
        var (_, genuineHeaders) = WeChat.Notification(number);

        await ExpectFail(await Notify(altered, WeChat.SignedHeaders(altered)), HttpStatusCode.Unauthorized);
        await ExpectFail(await Notify(altered, genuineHeaders), HttpStatusCode.Unauthorized);

        Assert.Equal("AddressGiven", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_repeated_notification_pays_once_and_a_replay_signed_long_ago_is_refused()
    {
        var (journey, _, number) = await ReadyToPay();
        WeChat.Pay(number);
        var id = "EV-" + Guid.NewGuid().ToString("N");
        var first = WeChat.Notification(number, id);
        var retry = WeChat.Notification(number, id);
        var replay = WeChat.Notification(number, id, signedAt: DateTimeOffset.UtcNow.AddMinutes(-30));

        Assert.Equal(HttpStatusCode.NoContent, (await Notify(first.Body, first.Headers)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Notify(retry.Body, retry.Headers)).StatusCode);
        await ExpectFail(await Notify(replay.Body, replay.Headers), HttpStatusCode.Unauthorized);
        // A late second notice under a new id (as after a gateway-side retry) changes nothing either.
        var late = WeChat.Notification(number);
        Assert.Equal(HttpStatusCode.NoContent, (await Notify(late.Body, late.Headers)).StatusCode);

        var progress = await journey.WaitFor("PhotoPending");
        Assert.Single(progress.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("state").GetString() == "Paid");
        Assert.Equal(2, await NotificationsRecorded(number));
    }

    [Fact]
    public async Task A_genuine_notification_of_another_merchant_or_another_appid_is_refused_with_FAIL_and_changes_nothing()
    {
        var (journey, _, number) = await ReadyToPay();
        WeChat.Pay(number);
        // Signed by the platform and sealed with our APIv3 key, but the transaction is another application's (a
        // 服务商 merchant serving several appids) or another merchant's.
        var otherApp = WeChat.Notification(number, transactionEdit: t => t["appid"] = "wx0000000000000000");
        var otherMerchant = WeChat.Notification(number, transactionEdit: t => t["mchid"] = "1900000999");
        var noApp = WeChat.Notification(number, transactionEdit: t => t.Remove("appid"));

        await ExpectFail(await Notify(otherApp.Body, otherApp.Headers), HttpStatusCode.Unauthorized);
        await ExpectFail(await Notify(otherMerchant.Body, otherMerchant.Headers), HttpStatusCode.Unauthorized);
        await ExpectFail(await Notify(noApp.Body, noApp.Headers), HttpStatusCode.Unauthorized);

        Assert.Equal("AddressGiven", (await journey.Progress()).GetProperty("state").GetString());
        Assert.Equal(0, await NotificationsRecorded(number));
    }

    [Fact]
    public async Task A_notification_for_another_amount_is_refused_with_FAIL()
    {
        var (journey, _, number) = await ReadyToPay();
        WeChat.Pay(number);
        var (body, headers) = WeChat.Notification(number, total: 1);

        await ExpectFail(await Notify(body, headers), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("AddressGiven", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_create_whose_answer_times_out_is_retried_with_the_same_out_trade_no_and_signed_afresh()
    {
        WeChat.StallFirstCreate = true;
        try
        {
            var before = WeChat.Creates.Count;
            var (_, order, number) = await ReadyToPay();

            // The first create was held until the client's attempt timeout abandoned it; then it was made again, under the
            // same out_trade_no (so WeChat Pay keeps one order) and signed afresh. Every create of this payment names that
            // number, however many attempts a slow machine needed: the count is not the test's to guess.
            var attempts = WeChat.Creates.Skip(before).ToList();
            Assert.True(attempts.Count >= 2, $"{attempts.Count} create(s)");
            Assert.All(attempts, a => Assert.Equal(number, a.OutTradeNo));
            Assert.Equal(attempts.Count, attempts.Select(a => a.Nonce).Distinct().Count());
            await Eventually(() => WeChat.AbandonedCreates.Contains(number));
            Assert.Equal($"weixin://wxpay/bizpayurl?pr={number}", order.GetProperty("qrContent").GetString());
        }
        finally
        {
            WeChat.StallFirstCreate = false;
        }
    }

    [Fact]
    public async Task A_lost_notification_is_made_good_by_a_signed_order_query()
    {
        var (journey, _, number) = await ReadyToPay();
        WeChat.Pay(number);

        var payment = await Api.Get($"/api/applications/{journey.ApplicationId}/payments/current", journey.Token);

        Assert.Equal("Paid", payment.GetProperty("state").GetString());
        Assert.Equal("PhotoPending", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_answer_not_signed_by_the_platform_key_is_not_believed()
    {
        var (journey, _, number) = await ReadyToPay();
        WeChat.Pay(number);
        WeChat.SignAnswersWithWrongKey = true;
        try
        {
            await Api.ExpectProblem(await Api.Send(HttpMethod.Get, $"/api/applications/{journey.ApplicationId}/payments/current", journey.Token),
                HttpStatusCode.ServiceUnavailable, "payment_gateway_unavailable");
        }
        finally
        {
            WeChat.SignAnswersWithWrongKey = false;
        }

        Assert.Equal("AddressGiven", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Switching_to_another_channel_closes_the_order_at_WeChat_Pay()
    {
        var (journey, _, number) = await ReadyToPay();

        await journey.CreatePayment("Alipay");

        Assert.Equal("CLOSED", WeChat.StateOf(number));
    }

    private async Task<(Journey Journey, JsonElement Order, string Number)> ReadyToPay()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        var order = await journey.CreatePayment("WeChatPay");
        return (journey, order, order.GetProperty("orderNumber").GetString()!);
    }

    private Task<HttpResponseMessage> Notify(string body, IDictionary<string, string> headers) =>
        SandboxMessages.PostAsync(Api, "/api/payments/notify/WeChatPay", body, headers);

    /// <summary>Waits (generously, for a loaded machine) for what the simulator records once it sees the client go.</summary>
    internal static async Task Eventually(Func<bool> condition)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(20, patience.Token);
        }
    }

    /// <summary>WeChat Pay's documented failure answer: 4xx/5xx with {"code":"FAIL","message":…}.</summary>
    private static async Task ExpectFail(HttpResponseMessage response, HttpStatusCode status)
    {
        var answer = await Api.Expect(response, status);
        Assert.Equal("FAIL", answer.GetProperty("code").GetString());
        Assert.Matches("\\p{IsCJKUnifiedIdeographs}", answer.GetProperty("message").GetString());
    }

    private async Task<int> NotificationsRecorded(string number)
    {
        await using var db = await service.Services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>().CreateDbContextAsync();
        return await db.ReceivedNotifications.CountAsync(n => n.Source == "payment:WeChatPay" && n.Reference == number);
    }
}
