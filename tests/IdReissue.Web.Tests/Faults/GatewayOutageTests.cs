using System.Net;
using System.Net.Http.Json;
using IdReissue.Web.Tests.Gateways;

namespace IdReissue.Web.Tests.Faults;

/// <summary>The service sending SMS through the Tencent Cloud SMS simulator, retrying background work every second at most.</summary>
public sealed class SmsOutageService : ServiceFixture
{
    public SmsOutageService()
        : this(new TencentSmsSimulator())
    {
    }

    private SmsOutageService(TencentSmsSimulator sms)
        : base(new Dictionary<string, string>(sms.Settings)
        {
            ["Outbox:RetryDelay"] = "00:00:00.100",
            ["Outbox:MaxRetryDelay"] = "00:00:01",
        })
    {
        Sms = sms;
    }

    public TencentSmsSimulator Sms { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sms.DisposeAsync();
    }
}

/// <summary>
/// A provider that is down is said to the person at once where they wait for it (a log-in code, an order), and
/// is waited out where they do not (a progress SMS, a payment's outcome): the work is retried and done once the
/// provider is back, once.
/// </summary>
public sealed class GatewayOutageTests(SmsOutageService smsService, PaymentGatewaysService payments)
    : IClassFixture<SmsOutageService>, IClassFixture<PaymentGatewaysService>
{
    [Fact]
    public async Task While_the_SMS_provider_is_down_a_log_in_code_is_refused_clearly_and_a_progress_notice_goes_out_once_it_is_back()
    {
        var api = smsService.Api;
        var sms = smsService.Sms;
        var resident = await api.NewResident("hunan");
        var phone = resident.GetProperty("phone").GetString()!;
        var journey = new Journey(api, resident, await LogInAsync(phone));
        await journey.ToAddressGiven("Damage");

        sms.Server.Down = true;
        try
        {
            // Someone else asking for a code (this applicant was sent one a moment ago, and must wait a minute for another).
            var stranger = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var refused = await api.Http.PostAsJsonAsync("/api/auth/sms-codes", new { phone = stranger });
            await Api.ExpectProblem(refused, HttpStatusCode.ServiceUnavailable, "sms_unavailable");
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a provider that is down is asked again later (Retry-After)");

            // Paid: the 等待提交电子照片 notice is due, and meets the outage.
            await journey.PayAtCashier(await journey.CreatePayment("WeChatPay"));
            await journey.WaitFor("PhotoPending");
            var before = sms.Server.RequestsWhileDown;
            await WeChatPayTests.Eventually(() => sms.Server.RequestsWhileDown >= before + 2);
            Assert.DoesNotContain(sms.Sent, s => s.Phone == "+86" + phone && s.TemplateId == TencentSmsSimulator.ProgressTemplateId);
        }
        finally
        {
            sms.Server.Down = false;
        }

        await WeChatPayTests.Eventually(() => sms.Sent.Any(s => s.Phone == "+86" + phone && s.TemplateId == TencentSmsSimulator.ProgressTemplateId));
        var notice = Assert.Single(sms.Sent, s => s.Phone == "+86" + phone && s.TemplateId == TencentSmsSimulator.ProgressTemplateId);
        Assert.Contains("等待提交电子照片", notice.Parameters[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_WeChat_Pay_is_down_an_order_is_refused_clearly_and_the_same_request_later_makes_one_order()
    {
        var journey = await ReadyToPayAsync();
        var key = Guid.NewGuid().ToString();

        payments.WeChat.Server.Down = true;
        try
        {
            await ExpectGatewayUnavailable(await CreatePaymentAsync(journey, "WeChatPay", key));
        }
        finally
        {
            payments.WeChat.Server.Down = false;
        }

        var order = await Api.Expect(await CreatePaymentAsync(journey, "WeChatPay", key), HttpStatusCode.Created);
        var number = order.GetProperty("orderNumber").GetString()!;
        Assert.Single(payments.WeChat.Creates.Select(c => c.OutTradeNo).Distinct(), n => n == number);
    }

    [Fact]
    public async Task A_WeChat_Pay_payment_made_while_its_answers_are_lost_is_found_once_WeChat_Pay_is_back()
    {
        var journey = await ReadyToPayAsync();
        var order = await Api.Expect(await CreatePaymentAsync(journey, "WeChatPay", Guid.NewGuid().ToString()), HttpStatusCode.Created);
        var number = order.GetProperty("orderNumber").GetString()!;
        payments.WeChat.Pay(number);

        payments.WeChat.Server.Down = true;
        try
        {
            await ExpectGatewayUnavailable(await payments.Api.Send(HttpMethod.Get, $"/api/applications/{journey.ApplicationId}/payments/current", journey.Token));
            Assert.Equal("AddressGiven", (await journey.Progress()).GetProperty("state").GetString());
        }
        finally
        {
            payments.WeChat.Server.Down = false;
        }

        var payment = await payments.Api.Get($"/api/applications/{journey.ApplicationId}/payments/current", journey.Token);
        Assert.Equal("Paid", payment.GetProperty("state").GetString());
        Assert.Equal("PhotoPending", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task While_Alipay_is_down_an_order_is_refused_clearly_and_a_payment_made_meanwhile_is_found_once_it_is_back()
    {
        var journey = await ReadyToPayAsync();
        var key = Guid.NewGuid().ToString();

        payments.Alipay.Server.Down = true;
        try
        {
            await ExpectGatewayUnavailable(await CreatePaymentAsync(journey, "Alipay", key));
        }
        finally
        {
            payments.Alipay.Server.Down = false;
        }

        var order = await Api.Expect(await CreatePaymentAsync(journey, "Alipay", key), HttpStatusCode.Created);
        var number = order.GetProperty("orderNumber").GetString()!;
        payments.Alipay.Pay(number);
        payments.Alipay.Server.Down = true;
        try
        {
            await ExpectGatewayUnavailable(await payments.Api.Send(HttpMethod.Get, $"/api/applications/{journey.ApplicationId}/payments/current", journey.Token));
        }
        finally
        {
            payments.Alipay.Server.Down = false;
        }

        Assert.Equal("Paid", (await payments.Api.Get($"/api/applications/{journey.ApplicationId}/payments/current", journey.Token)).GetProperty("state").GetString());
        Assert.Equal("PhotoPending", (await journey.Progress()).GetProperty("state").GetString());
    }

    private static async Task ExpectGatewayUnavailable(HttpResponseMessage response)
    {
        await Api.ExpectProblem(response, HttpStatusCode.ServiceUnavailable, "payment_gateway_unavailable");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a provider that is down is asked again later (Retry-After)");
    }

    private async Task<Journey> ReadyToPayAsync()
    {
        var journey = await Journey.Begin(payments.Api, "hunan");
        await journey.ToAddressGiven("Damage");
        return journey;
    }

    private Task<HttpResponseMessage> CreatePaymentAsync(Journey journey, string channel, string key) =>
        payments.Api.Post($"/api/applications/{journey.ApplicationId}/payments", journey.Token, new { channel, acknowledgeNoCancellationNoRefund = true }, key);

    private async Task<string> LogInAsync(string phone)
    {
        var api = smsService.Api;
        await Api.Expect(await api.Http.PostAsJsonAsync("/api/auth/sms-codes", new { phone }), HttpStatusCode.Accepted);
        var code = smsService.Sms.Sent.Last(s => s.Phone == "+86" + phone && s.TemplateId == TencentSmsSimulator.LoginTemplateId).Parameters[0];
        var session = await Api.Expect(await api.Http.PostAsJsonAsync("/api/auth/applicant-sessions", new { phone, code }), HttpStatusCode.OK);
        return session.GetProperty("token").GetString()!;
    }
}
