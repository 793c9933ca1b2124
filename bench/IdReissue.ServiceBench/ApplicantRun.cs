using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IdReissue.Web.Tests.Gateways;

namespace IdReissue.ServiceBench;

/// <summary>One applicant's whole journey through the API, tolerant of a node dying under it. With
/// <paramref name="weChat"/>, WeChat Pay orders are paid at that simulator, which notifies as WeChat Pay does.</summary>
public sealed partial class ApplicantRun(FailoverClient client, int index, byte[] photo, Action onPaid, WeChatPaySimulator? weChat = null)
{
    private static readonly string[] Regions = ["hunan", "jilin", "tianjin"];

    public string Region { get; } = Regions[index % Regions.Length];

    public string? ApplicationId { get; private set; }

    public string? Token { get; private set; }

    public string Stage { get; private set; } = "not started";

    public async Task RunToReviewAsync(CancellationToken cancellationToken)
    {
        var reissueCase = Region == "jilin" && index % 2 == 0 ? "Damage" : "Loss";
        Stage = "resident";
        var resident = await client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/sandbox/residents", json: new { region = Region, profile = "eligible" }, cancellationToken: cancellationToken);
        var phone = resident["phone"]!.GetValue<string>();

        Stage = "log-in";
        Token = await LogInAsync(phone, cancellationToken);

        Stage = "real-name";
        await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/me/real-name", Token,
            new { name = resident["name"]!.GetValue<string>(), citizenId = resident["citizenId"]!.GetValue<string>() }, cancellationToken: cancellationToken);

        Stage = "start";
        var startKey = Guid.NewGuid().ToString();
        var (status, started) = await client.SendAsync(HttpMethod.Post, "/api/applications", Token,
            new { region = Region, @case = reissueCase, householdNumber = resident["householdNumber"]!.GetValue<string>() }, idempotencyKey: startKey, cancellationToken: cancellationToken);
        if (status == HttpStatusCode.Created)
        {
            ApplicationId = started!["id"]!.GetValue<string>();
        }
        else
        {
            // The first attempt committed on a node that died before answering: the application exists.
            var mine = await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/applications", Token, cancellationToken: cancellationToken);
            ApplicationId = mine.AsArray().Single()!["id"]!.GetValue<string>();
        }

        Stage = "eligibility";
        await Step(HttpMethod.Post, "eligibility", null, cancellationToken);
        Stage = "face";
        await SandboxFaceVerification.PassAsync(client, ApplicationId!, Token!, cancellationToken);
        if (reissueCase == "Loss")
        {
            Stage = "loss report";
            await Step(HttpMethod.Post, "loss-report", new { place = "火车站候车室", lostAt = DateTimeOffset.UtcNow.AddDays(-1), receiptWanted = false }, cancellationToken);
        }

        Stage = "address";
        await Step(HttpMethod.Put, "address", new { recipient = resident["name"]!.GetValue<string>(), phone, divisionCode = resident["householdDivisionCode"]!.GetValue<string>(), detail = "人民路100号1栋101室" }, cancellationToken);
        if (Region == "tianjin")
        {
            Stage = "household page";
            await Step(HttpMethod.Post, "documents/household-register-page", Upload("file", HouseholdPage), cancellationToken, HttpStatusCode.Created);
        }

        Stage = "payment";
        // 201 for a new order; 200 when a retry after a failover found the order the first attempt made.
        var channel = Region == "jilin" ? "Alipay" : "WeChatPay";
        var (orderStatus, order) = await client.SendAsync(HttpMethod.Post, $"/api/applications/{ApplicationId}/payments", Token,
            new { channel, acknowledgeNoCancellationNoRefund = true }, idempotencyKey: Guid.NewGuid().ToString(), cancellationToken: cancellationToken);
        if (orderStatus is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"payment: {(int)orderStatus} {order?.ToJsonString()}");
        }

        if (weChat is not null && channel == "WeChatPay")
        {
            await PayAtWeChatPayAsync(weChat, order!["orderNumber"]!.GetValue<string>(), cancellationToken);
        }
        else
        {
            var cashier = new Uri(order!["cashierUrl"]!.GetValue<string>()).AbsolutePath;
            await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, cashier + "/pay",
                content: () => new FormUrlEncodedContent([new("outcome", "success")]), cancellationToken: cancellationToken);
        }

        onPaid();

        Stage = "waiting for payment";
        var state = await WaitForAsync(s => s is "PhotoPending" or "UnderReview", TimeSpan.FromMinutes(3), cancellationToken);
        if (state["state"]!.GetValue<string>() == "PhotoPending")
        {
            Stage = "photo";
            var number = state["photoNumber"]!.GetValue<string>();
            var (photoStatus, verdict) = await client.SendAsync(HttpMethod.Post, $"/api/photos/{number}", content: () => Upload("photo")(), cancellationToken: cancellationToken);
            if (photoStatus != HttpStatusCode.OK && photoStatus != HttpStatusCode.Conflict)
            {
                throw new InvalidOperationException($"photo: {(int)photoStatus} {verdict?.ToJsonString()}");
            }

            await WaitForAsync(s => s == "UnderReview", TimeSpan.FromMinutes(1), cancellationToken);
        }

        Stage = "under review";
    }

    public async Task<JsonNode> WaitForAsync(Func<string, bool> reached, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var progress = await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/applications/{ApplicationId}/progress", Token, cancellationToken: cancellationToken);
            if (reached(progress["state"]!.GetValue<string>()))
            {
                return progress;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"applicant {index} stuck in {progress["state"]} at {Stage}");
            }

            await Task.Delay(300, cancellationToken);
        }
    }

    /// <summary>The payer pays at WeChat Pay, which then notifies (twice, as it sometimes does), each delivery freshly
    /// signed and encrypted and retried on the other node until one answers 204.</summary>
    private async Task PayAtWeChatPayAsync(WeChatPaySimulator weChat, string orderNumber, CancellationToken cancellationToken)
    {
        weChat.Pay(orderNumber);
        var id = "EV-" + orderNumber;
        for (var copy = 0; copy < 2; copy++)
        {
            await client.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, "/api/payments/notify/WeChatPay", content: () =>
            {
                var (body, headers) = weChat.Notification(orderNumber, id);
                var content = new StringContent(body, Encoding.UTF8, "application/json");
                foreach (var (name, value) in headers)
                {
                    content.Headers.TryAddWithoutValidation(name, value);
                }

                return content;
            }, cancellationToken: cancellationToken);
        }
    }

    /// <summary>
    /// Log-in by SMS code. Neither call is idempotent, so a retry after a node died under the first attempt can
    /// find the code already sent (429 sms_too_frequent: the code is in the inbox) or already used (422
    /// sms_code_expired: a new code is needed, after the resend interval).
    /// </summary>
    private async Task<string> LogInAsync(string phone, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (sent, refusal) = await client.SendAsync(HttpMethod.Post, "/api/auth/sms-codes", json: new { phone }, cancellationToken: cancellationToken);
            if (sent is not (HttpStatusCode.Accepted or HttpStatusCode.TooManyRequests))
            {
                throw new InvalidOperationException($"sms-codes: {(int)sent} {refusal?.ToJsonString()}");
            }

            var messages = await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/sandbox/sms/inbox", json: new { phone }, cancellationToken: cancellationToken);
            var code = messages.AsArray().Select(m => CodePattern().Match(m!["text"]!.GetValue<string>())).First(m => m.Success).Groups[1].Value;
            var (status, session) = await client.SendAsync(HttpMethod.Post, "/api/auth/applicant-sessions", json: new { phone, code }, cancellationToken: cancellationToken);
            if (status == HttpStatusCode.OK)
            {
                return session!["token"]!.GetValue<string>();
            }

            if (attempt == 3 || session?["code"]?.GetValue<string>() != "sms_code_expired")
            {
                throw new InvalidOperationException($"applicant-sessions: {(int)status} {session?.ToJsonString()}");
            }

            await Task.Delay(TimeSpan.FromSeconds(61), cancellationToken);
        }
    }

    /// <summary>A step; a 409 after a failover means the first attempt already went through.</summary>
    private async Task Step(HttpMethod method, string path, object? body, CancellationToken cancellationToken, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var content = body as Func<HttpContent>;
        var (status, response) = await client.SendAsync(method, $"/api/applications/{ApplicationId}/{path}", Token, content is null ? body : null, content, cancellationToken: cancellationToken);
        if (status != expected && !(status == HttpStatusCode.Conflict && response?["code"]?.GetValue<string>() == "step_out_of_order"))
        {
            throw new InvalidOperationException($"{path}: {(int)status} {response?.ToJsonString()}");
        }
    }

    /// <summary>A page drawn once: a face photo is refused as a household register page.</summary>
    private static readonly byte[] HouseholdPage = IdReissue.Infrastructure.Sandbox.SandboxHouseholdPage.Draw();

    private Func<HttpContent> Upload(string field, byte[]? image = null) => () =>
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(image ?? photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, field, "photo.jpg");
        return form;
    };

    [GeneratedRegex("验证码为([0-9]{6})")]
    private static partial Regex CodePattern();
}
