using System.Net;
using System.Text.RegularExpressions;
using IdReissue.ApiClient;
using IdReissue.ApiClient.Models;
using IdReissue.Web.Tests;
using Microsoft.Kiota.Abstractions;

namespace IdReissue.ApiClient.Tests;

/// <summary>
/// The docs/api.md walk-through (Hunan, loss, new photo by photo number), driven only through the client Kiota
/// generated from the running service's OpenAPI document: if an operation, a schema, a security scheme or a
/// problem response is wrong in the document, the client cannot walk it. Only the sandbox cashier's "pay"
/// button, a payer's form post and no part of the API, goes through plain HTTP.
/// </summary>
public sealed partial class GeneratedClientJourneyTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private readonly SessionClients _clients = new(service);

    [Fact]
    public async Task The_generated_client_walks_a_Hunan_loss_reissue_from_resident_to_delivered()
    {
        var anonymous = _clients.Anonymous();
        var resident = (await anonymous.Sandbox.Residents.PostAsync(new IssueResidentRequest { Region = "hunan", Profile = "eligible" }))!;

        var sent = await anonymous.Api.Auth.SmsCodes.PostAsync(new SmsCodeRequest { Phone = resident.Phone });
        Assert.Equal(300, sent!.ExpiresInSeconds);
        var inbox = await anonymous.Sandbox.Sms.Inbox.PostAsync(new SmsInboxRequest { Phone = resident.Phone });
        var code = LoginCode().Match(inbox!.First(m => m.Text!.Contains("验证码", StringComparison.Ordinal)).Text!).Groups[1].Value;
        var session = await anonymous.Api.Auth.ApplicantSessions.PostAsync(new ApplicantLoginRequest { Phone = resident.Phone, Code = code });
        var applicant = _clients.For(session!.Token!);

        // A problem response arrives as the document's ProblemDetails, with its code.
        var wrongDigit = resident.CitizenId![..17] + (resident.CitizenId[17] == '1' ? "2" : "1");
        var refused = await Assert.ThrowsAsync<ProblemDetails>(() =>
            applicant.Api.Me.RealName.PostAsync(new RealNameRequest { Name = resident.Name, CitizenId = wrongDigit }));
        Assert.Equal((int)HttpStatusCode.UnprocessableEntity, refused.ResponseStatusCode);
        Assert.Equal("id_number_wrong_check_digit", refused.Code);
        Assert.Equal("citizenId", refused.Field);
        Assert.True((await applicant.Api.Me.RealName.PostAsync(new RealNameRequest { Name = resident.Name, CitizenId = resident.CitizenId }))!.RealNameVerified);

        var started = (await applicant.Api.Applications.PostAsync(
            new StartApplicationRequest { Region = "hunan", Case = ReissueCase.Loss, HouseholdNumber = resident.HouseholdNumber },
            request => request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString())))!;
        Assert.Equal(ApplicationState.IdentityVerified, started.State);
        var application = applicant.Api.Applications[started.Id!.Value];

        Assert.True((await application.Eligibility.PostAsync())!.Eligible);
        // 实人认证 through the certified provider's page (the sandbox's simulator: the demo person has photos, no recording).
        var attempt = (await application.FaceVerification.Attempts.PostAsync(new FaceAttemptRequest { Channel = "provider" },
            request => request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString())))!;
        var face = new MultipartBody();
        face.AddOrReplacePart("token", "text/plain", await DecideAtSandboxProviderAsync(attempt.VerificationUrl!));
        Assert.Equal(ApplicationState.FaceVerified, (await application.FaceVerification.PostAsync(face))!.State);
        var reported = await application.LossReport.PostAsync(
            new LossReportRequest { Place = "长沙市芙蓉区五一大道地铁站", LostAt = DateTimeOffset.UtcNow.AddDays(-2), ReceiptWanted = true },
            request => request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString()));
        Assert.Equal(ApplicationState.LossReported, reported!.State);

        var quote = await application.PostageQuote.PostAsync(new PostageQuoteRequest { DivisionCode = resident.HouseholdDivisionCode });
        Assert.True(quote!.SameCity);
        var addressed = await application.Address.PutAsync(new AddressRequest
        {
            Recipient = resident.Name, Phone = resident.Phone, DivisionCode = resident.HouseholdDivisionCode, Detail = "解放西路100号3栋502室",
        });
        Assert.Equal(ApplicationState.AddressGiven, addressed!.State);

        var order = await application.Payments.PostAsync(new CreatePaymentRequest { Channel = PaymentChannel.WeChatPay, AcknowledgeNoCancellationNoRefund = true },
            request => request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString()));
        Assert.Equal(40m, (decimal)order!.AmountYuan!.Value);
        await PayAtSandboxCashier(order.CashierUrl!);
        var paid = await WaitForState(application, ApplicationState.PhotoPending);
        Assert.Equal(PaymentOrderState.Paid, (await application.Payments.Current.GetAsync())!.State);

        // A photo studio, not signed in, submits by photo number.
        var studio = anonymous.Api.Photos[paid.PhotoNumber!];
        Assert.True((await studio.GetAsync())!.AwaitingPhoto);
        var accepted = await studio.PostAsync(Photo("photo", Journey.GoodPhoto));
        Assert.True(accepted!.Accepted);
        Assert.Equal(ApplicationState.UnderReview, accepted.State);

        var reviewer = await OfficerAsync(anonymous, "hunan-review");
        Assert.Contains((await reviewer.Api.Officer.Applications.GetAsync(request => request.QueryParameters.State = ApplicationState.UnderReview))!,
            item => item.Id == started.Id);
        Assert.Equal(ApplicationState.Approved, (await reviewer.Api.Officer.Applications[started.Id.Value].Approve.PostAsync())!.State);

        var producer = await OfficerAsync(anonymous, "hunan-production");
        var batch = await producer.Api.Officer.ProductionBatches.PostAsync(new CreateBatchRequest(),
            request => request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString()));
        Assert.Contains(started.ApplicationNumber, batch!.ApplicationNumbers!);
        var dispatched = await producer.Api.Officer.Applications[started.Id.Value].Dispatch.PostAsync();
        Assert.Matches("^11\\d{11}$", dispatched!.TrackingNumber);

        var delivered = await WaitForState(application, ApplicationState.Delivered);
        Assert.Equal(
            ["Draft", "IdentityVerified", "EligibilityChecked", "FaceVerified", "LossReported", "AddressGiven", "Paid", "PhotoPending",
             "PhotoAccepted", "UnderReview", "Approved", "InProduction", "Dispatched", "Delivered"],
            delivered.Timeline!.Select(t => t.State!.Value.ToString()));
    }

    private async Task<IdReissueClient> OfficerAsync(IdReissueClient anonymous, string username)
    {
        var session = await anonymous.Api.Auth.OfficerSessions.PostAsync(new OfficerLoginRequest { Username = username, Password = service.OfficerPassword(username) });
        return _clients.For(session!.Token!);
    }

    private static MultipartBody Photo(string field, byte[] bytes)
    {
        var body = new MultipartBody();
        body.AddOrReplacePart(field, "image/jpeg", bytes, "photo.jpg");
        return body;
    }

    /// <summary>The tester's browser at the sandbox provider's page: "passed", and the BizToken from the redirect back.</summary>
    private static async Task<string> DecideAtSandboxProviderAsync(string verificationUrl)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler);
        using var form = new FormUrlEncodedContent([new("outcome", "passed")]);
        var back = (await http.PostAsync(new Uri(verificationUrl), form)).Headers.Location!;
        return System.Web.HttpUtility.ParseQueryString(back.Query)["token"]!;
    }

    private async Task PayAtSandboxCashier(string cashierUrl)
    {
        using var http = service.CreateClient();
        using var form = new FormUrlEncodedContent([new("outcome", "success")]);
        (await http.PostAsync(new Uri(cashierUrl + "/pay"), form)).EnsureSuccessStatusCode();
    }

    /// <summary>Notifications and courier events arrive asynchronously: poll the progress query, as a client would.</summary>
    private static async Task<ProgressView> WaitForState(Api.Applications.Item.ApplicationsItemRequestBuilder application, ApplicationState state)
    {
        ProgressView? progress = null;
        for (var attempt = 0; attempt < 150; attempt++)
        {
            progress = await application.Progress.GetAsync();
            if (progress!.State == state)
            {
                return progress;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"timed out waiting for {state} (state: {progress?.State})");
    }

    [GeneratedRegex("验证码为([0-9]{6})")]
    private static partial Regex LoginCode();
}
