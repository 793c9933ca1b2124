using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>A service with low limits, so each limit can be reached in a test.</summary>
public sealed class LimitedService() : ServiceFixture(new Dictionary<string, string>
{
    ["Abuse:SmsPerClientPerMinute"] = "5",
    ["Abuse:ApplicantLoginFailuresBeforeLock"] = "3",
    ["Abuse:OfficerLoginFailuresBeforeLock"] = "2",
    ["Abuse:FaceVerificationsPerCitizenPerDay"] = "2",
    ["Abuse:PhotoUploadsPerApplicationPerMinute"] = "2",
});

public sealed class AbuseLimitTests(LimitedService service) : IClassFixture<LimitedService>
{
    private Api Api => service.Api;

    [Fact]
    public async Task Guessing_SMS_codes_locks_the_phone_with_a_retry_after_even_for_the_right_code()
    {
        var resident = await Api.NewResident("jilin");
        var phone = resident.GetProperty("phone").GetString()!;
        await Api.Expect(await Api.Http.PostAsJsonAsync("/api/auth/sms-codes", new { phone }), HttpStatusCode.Accepted);
        for (var guess = 0; guess < 3; guess++)
        {
            await Api.ExpectProblem(await Api.Http.PostAsJsonAsync("/api/auth/applicant-sessions", new { phone, code = $"00000{guess}" }),
                HttpStatusCode.UnprocessableEntity, "sms_code_invalid");
        }

        var locked = await Api.Http.PostAsJsonAsync("/api/auth/applicant-sessions", new { phone, code = await Api.LatestSmsCode(phone) });
        await Api.ExpectProblem(locked, HttpStatusCode.TooManyRequests, "login_locked");
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task One_address_asking_for_many_SMS_codes_is_refused_with_a_retry_after()
    {
        HttpResponseMessage? last = null;
        try
        {
            for (var i = 0; i < 6 && last?.StatusCode != HttpStatusCode.TooManyRequests; i++)
            {
                var phone = (await Api.NewResident("tianjin")).GetProperty("phone").GetString()!;
                // A made-up forwarded address changes nothing: no proxy is trusted unless configured.
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sms-codes") { Content = JsonContent.Create(new { phone }) };
                request.Headers.Add("X-Forwarded-For", $"10.0.0.{i + 1}");
                last = await Api.Http.SendAsync(request);
            }

            await Api.ExpectProblem(last!, HttpStatusCode.TooManyRequests, "sms_client_limit");
            Assert.NotNull(last!.Headers.RetryAfter);
        }
        finally
        {
            // The other tests here log in from the same loopback address within the same minute.
            await using var scope = service.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.IdReissueDbContext>();
            await db.AbuseCounters.Where(c => c.Key.StartsWith("sms-client")).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task Wrong_officer_passwords_lock_the_account_with_back_off()
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await Api.ExpectProblem(await Api.Http.PostAsJsonAsync("/api/auth/officer-sessions", new { username = "jilin-production", password = "guess" }),
                HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        var locked = await Api.Http.PostAsJsonAsync("/api/auth/officer-sessions", new { username = "jilin-production", password = service.OfficerPassword("jilin-production") });
        var problem = await Api.ExpectProblem(locked, HttpStatusCode.TooManyRequests, "login_locked");
        Assert.Contains("锁定", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.InRange(locked.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 61);
    }

    [Fact]
    public async Task Face_attempts_are_limited_per_citizen_id_across_cancelling_and_a_second_account()
    {
        var journey = await Journey.Begin(Api, "jilin", "face-mismatch");
        await journey.VerifyRealName();
        await journey.Start("Damage");
        await journey.CheckEligibility();
        await Api.ExpectProblem(await journey.VerifyFaceWithSandboxClip(), HttpStatusCode.UnprocessableEntity, "face_not_matched");

        // Cancelling and starting again gives no fresh attempts: they belong to the ID number.
        await Api.Expect(await Api.Post($"/api/applications/{journey.ApplicationId}/cancel", journey.Token), HttpStatusCode.OK);
        await journey.Start("Damage");
        await journey.CheckEligibility();
        await Api.ExpectProblem(await journey.VerifyFaceWithSandboxClip(), HttpStatusCode.UnprocessableEntity, "face_not_matched");
        var refused = await Api.Post($"/api/applications/{journey.ApplicationId}/face-verification/attempts", journey.Token, new { channel = "camera" });
        await Api.ExpectProblem(refused, HttpStatusCode.TooManyRequests, "face_attempts_exhausted");
        Assert.NotNull(refused.Headers.RetryAfter);

        // Nor does a second account that claims the same identity.
        var second = new Journey(Api, journey.Resident, await Api.LoginApplicant((await Api.NewResident("jilin")).GetProperty("phone").GetString()!));
        await second.VerifyRealName();
        await second.Start("Damage");
        await second.CheckEligibility();
        await Api.ExpectProblem(await Api.Post($"/api/applications/{second.ApplicationId}/face-verification/attempts", second.Token, new { channel = "provider" }),
            HttpStatusCode.TooManyRequests, "face_attempts_exhausted");
    }

    [Fact]
    public async Task Photo_uploads_are_limited_per_application()
    {
        var hunan = await Journey.Begin(Api, "hunan");
        await hunan.ToAddressGiven("Damage");
        await hunan.PayAtCashier(await hunan.CreatePayment("Alipay", Guid.NewGuid().ToString()));
        var photoNumber = (await hunan.WaitFor("PhotoPending")).GetProperty("photoNumber").GetString()!;
        var bad = ServiceFixture.DevSetPhoto("df__img13__small.jpg");
        for (var upload = 0; upload < 2; upload++)
        {
            await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", bad)), HttpStatusCode.OK);
        }

        await Api.ExpectProblem(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", bad)), HttpStatusCode.TooManyRequests, "photo_upload_too_frequent");
    }
}
