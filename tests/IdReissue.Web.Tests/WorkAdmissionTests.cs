using System.Net;
using IdReissue.Web.Capacity;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>A node with small CPU budgets and pools, behind a trusted proxy on loopback so each test can speak for the
/// client addresses it needs (X-Forwarded-For, as a real proxy would send).</summary>
public sealed class CapacityLimitedService() : ServiceFixture(new Dictionary<string, string>
{
    ["Network:TrustedProxies"] = "127.0.0.1,::1",
    ["Capacity:CheckCost"] = "1",
    ["Capacity:SheetCost"] = "2",
    ["Capacity:FixCost"] = "5",
    ["Capacity:Ipv6PrefixLength"] = "56",
    // Ten tokens and no refill within a test: two fixes, or ten checks.
    ["Capacity:AnonymousBudget:TokenLimit"] = "10",
    ["Capacity:AnonymousBudget:TokensPerPeriod"] = "1",
    ["Capacity:AnonymousBudget:ReplenishmentPeriod"] = "1.00:00:00",
    ["Capacity:AnonymousFixes:PermitLimit"] = "1",
    ["Capacity:AnonymousFixes:QueueLimit"] = "2",
    ["Capacity:AnonymousChecks:PermitLimit"] = "1",
    ["Capacity:AnonymousChecks:QueueLimit"] = "0",
    ["Capacity:FaceVerifications:PermitLimit"] = "1",
    ["Capacity:FaceVerifications:QueueLimit"] = "0",
});

public sealed class WorkAdmissionTests(CapacityLimitedService service) : IClassFixture<CapacityLimitedService>
{
    /// <summary>Not a photo: admitted work that is refused cheaply once admitted, so only admission is tested.</summary>
    private static readonly byte[] NotAPhoto = "not a photo"u8.ToArray();

    private Api Api => service.Api;

    private WorkLimiters Limiters => service.Services.GetRequiredService<WorkLimiters>();

    [Fact]
    public async Task A_fix_costs_what_its_processor_time_costs_so_it_spends_a_budget_five_times_faster_than_checks()
    {
        var (fixes, fixRefusal) = await AdmittedUntilRefused("/api/portrait/fixes", "198.51.100.1");
        var (checks, checkRefusal) = await AdmittedUntilRefused("/api/portrait/checks", "198.51.100.2");

        Assert.Equal(2, fixes);
        Assert.Equal(10, checks);
        foreach (var refused in new[] { fixRefusal, checkRefusal })
        {
            var problem = await Api.ExpectProblem(refused, HttpStatusCode.TooManyRequests, "portrait_budget_exhausted");
            Assert.Contains("后再试", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task Addresses_of_one_IPv6_prefix_share_a_budget_and_another_prefix_has_its_own()
    {
        var (fixes, _) = await AdmittedUntilRefused("/api/portrait/fixes", "2001:db8:1:100::1");
        Assert.Equal(2, fixes);

        // Another /64 of the same /56: the same subscriber, the same spent budget.
        await Api.ExpectProblem(await Anonymous("/api/portrait/fixes", "2001:db8:1:1ff::2"), HttpStatusCode.TooManyRequests, "portrait_budget_exhausted");
        Assert.True(Admitted(await Anonymous("/api/portrait/fixes", "2001:db8:1:200::1")));
    }

    [Fact]
    public async Task A_full_fixer_queue_answers_503_with_Retry_After_at_once_and_the_queued_fixes_run_when_a_permit_frees()
    {
        var pool = Limiters[WorkPool.AnonymousFixes];
        var running = pool.AttemptAcquire();
        Assert.True(running.IsAcquired, "the fixer's one permit is free");
        Task<HttpResponseMessage>[] queued;
        try
        {
            queued = [Anonymous("/api/portrait/fixes", "192.0.2.1"), Anonymous("/api/portrait/fixes", "192.0.2.2")];
            await Until(() => pool.GetStatistics()!.CurrentQueuedCount == 2);

            var refused = await Anonymous("/api/portrait/fixes", "192.0.2.3");
            await Api.ExpectProblem(refused, HttpStatusCode.ServiceUnavailable, "portrait_busy");
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            // Answered while the two before it still wait: it did not wait for the queue.
            Assert.All(queued, q => Assert.False(q.IsCompleted));
        }
        finally
        {
            running.Dispose();
        }

        foreach (var response in await Task.WhenAll(queued))
        {
            Assert.True(Admitted(response), $"a queued fix was refused: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Officers_and_signed_in_applicants_are_served_while_anonymous_work_is_refused()
    {
        const string Flooder = "203.0.113.9";
        var phone = (await Api.NewResident("hunan")).GetProperty("phone").GetString()!;
        var applicant = await Api.LoginApplicant(phone);
        var officer = await Api.LoginOfficer("hunan-review");
        var (fixes, _) = await AdmittedUntilRefused("/api/portrait/fixes", Flooder);
        Assert.Equal(2, fixes);

        var checks = Limiters[WorkPool.AnonymousChecks];
        var running = checks.AttemptAcquire();
        Assert.True(running.IsAcquired);
        try
        {
            await Api.ExpectProblem(await Anonymous("/api/portrait/checks", "203.0.113.10"), HttpStatusCode.ServiceUnavailable, "portrait_busy");
            await Api.ExpectProblem(await Anonymous("/api/portrait/fixes", Flooder), HttpStatusCode.TooManyRequests, "portrait_budget_exhausted");

            // From the same address, with both the address's budget spent and the anonymous checker full.
            var own = await Api.Expect(await Send("/api/portrait/checks", Flooder, applicant, Journey.GoodPhoto), HttpStatusCode.OK);
            Assert.Equal("pass", own.GetProperty("verdict").GetString());
            await Api.Expect(await Send("/api/portrait/checks", Flooder, officer, Journey.GoodPhoto), HttpStatusCode.OK);
            await Api.Expect(await Api.Send(HttpMethod.Get, "/api/officer/applications?state=UnderReview", officer), HttpStatusCode.OK);
        }
        finally
        {
            running.Dispose();
        }
    }

    [Fact]
    public async Task A_face_verification_that_finds_its_pool_full_is_answered_503_before_its_frames_are_read()
    {
        var applicant = await Api.LoginApplicant((await Api.NewResident("hunan")).GetProperty("phone").GetString()!);
        var faces = Limiters[WorkPool.FaceVerifications];
        var running = faces.AttemptAcquire();
        Assert.True(running.IsAcquired);
        try
        {
            // Any application of the caller's: nothing of the request is looked at before admission.
            var refused = await Send($"/api/applications/{Guid.NewGuid()}/face-verification", "198.51.100.90", applicant, NotAPhoto);
            var problem = await Api.ExpectProblem(refused, HttpStatusCode.ServiceUnavailable, "face_verification_busy");
            Assert.Contains("不会扣除", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
        finally
        {
            running.Dispose();
        }

        await Api.ExpectProblem(await Send($"/api/applications/{Guid.NewGuid()}/face-verification", "198.51.100.90", applicant, NotAPhoto),
            HttpStatusCode.NotFound, "application_not_found");
    }

    [Fact]
    public async Task The_studio_page_is_refused_before_its_form_is_read_with_the_error_page_in_Chinese()
    {
        const string Studio = "198.51.100.77";
        var (fixes, _) = await AdmittedUntilRefused("/api/portrait/fixes", Studio);
        Assert.Equal(2, fixes);

        // No antiforgery token: admitted, the page would answer 400; refused first, it answers 429.
        var response = await Send("/studio?handler=Fix", Studio, null, NotAPhoto);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("照片检测和生成用量已达上限", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CheckPortrait", "portrait_busy")]
    [InlineData("FixPortrait", "portrait_busy")]
    [InlineData("PrintSheet", "portrait_busy")]
    [InlineData("SubmitPhoto", "portrait_busy")]
    [InlineData("SubmitPhotoByNumber", "portrait_busy")]
    [InlineData("VerifyFace", "face_verification_busy")]
    public async Task The_OpenAPI_document_lists_the_refusals_with_Retry_After(string operationId, string busy)
    {
        var document = await OpenApiDocumentTests.DocumentAsync(Api);
        var operation = document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
            .Single(o => o.Value.TryGetProperty("operationId", out var id) && id.GetString() == operationId).Value;
        var responses = operation.GetProperty("responses");
        var unavailable = responses.GetProperty("503");
        Assert.True(unavailable.GetProperty("content").GetProperty("application/problem+json").GetProperty("examples").TryGetProperty(busy, out _));
        Assert.True(unavailable.GetProperty("headers").TryGetProperty("Retry-After", out _));
        if (operationId != "VerifyFace")
        {
            var budget = responses.GetProperty("429");
            Assert.True(budget.GetProperty("content").GetProperty("application/problem+json").GetProperty("examples").TryGetProperty("portrait_budget_exhausted", out _));
            Assert.True(budget.GetProperty("headers").TryGetProperty("Retry-After", out _));
        }
    }

    /// <summary>Admitted requests from one address until the first refusal, which is returned.</summary>
    private async Task<(int Admitted, HttpResponseMessage Refusal)> AdmittedUntilRefused(string path, string address)
    {
        for (var admitted = 0; admitted < 50; admitted++)
        {
            var response = await Anonymous(path, address);
            if (!Admitted(response))
            {
                return (admitted, response);
            }
        }

        throw new Xunit.Sdk.XunitException($"{path} from {address}: never refused");
    }

    private static bool Admitted(HttpResponseMessage response) => response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable);

    private Task<HttpResponseMessage> Anonymous(string path, string address) => Send(path, address, null, NotAPhoto);

    private Task<HttpResponseMessage> Send(string path, string address, string? token, byte[] photo)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Api.Upload("photo", photo) };
        request.Headers.Add("X-Forwarded-For", address);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return Api.Http.SendAsync(request);
    }

    /// <summary>Waits for a condition on the limiter's own statistics, polling, with a generous limit for a loaded machine.</summary>
    private static async Task Until(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), limit.Token);
        }
    }
}
