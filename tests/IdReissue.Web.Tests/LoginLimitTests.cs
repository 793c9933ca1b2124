using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace IdReissue.Web.Tests;

/// <summary>A service whose per-address log-in failure limit is reached in a few tries.</summary>
public sealed class LoginLimitedService() : ServiceFixture(new Dictionary<string, string>
{
    ["Abuse:LoginFailuresPerClientPerHour"] = "4",
});

public sealed class LoginLimitTests(LoginLimitedService service) : IClassFixture<LoginLimitedService>
{
    private Api Api => service.Api;

    [Fact]
    public async Task An_address_at_its_failure_limit_is_refused_before_its_next_attempt_is_checked()
    {
        // Four wrong codes, each for another phone, so no phone's own lock is involved.
        for (var i = 0; i < 4; i++)
        {
            var phone = await RequestCodeAsync(Api);
            var response = await Api.Http.PostAsJsonAsync("/api/auth/applicant-sessions", new { phone, code = "000000" });
            Assert.True(response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.TooManyRequests, response.StatusCode.ToString());
        }

        // The right code from the same address: refused without being checked, so guessing learns nothing more.
        var victim = await RequestCodeAsync(Api);
        var refused = await Api.Http.PostAsJsonAsync("/api/auth/applicant-sessions", new { phone = victim, code = await Api.LatestSmsCode(victim) });
        await Api.ExpectProblem(refused, HttpStatusCode.TooManyRequests, "login_client_limit");
        Assert.NotNull(refused.Headers.RetryAfter);
        await Api.ExpectProblem(await Api.Http.PostAsJsonAsync("/api/auth/officer-sessions", new { username = "hunan-review", password = service.OfficerPassword("hunan-review") }),
            HttpStatusCode.TooManyRequests, "login_client_limit");
    }

    internal static async Task<string> RequestCodeAsync(Api api)
    {
        var phone = (await api.NewResident("jilin")).GetProperty("phone").GetString()!;
        await Api.Expect(await api.Http.PostAsJsonAsync("/api/auth/sms-codes", new { phone }), HttpStatusCode.Accepted);
        return phone;
    }
}

/// <summary>Log-in limits that hold under parallel requests and timing.</summary>
[Collection(SharedService.Name)]
public class ParallelLoginTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task Fifty_parallel_guesses_at_one_SMS_code_get_at_most_five_tries_between_them()
    {
        var phone = await LoginLimitTests.RequestCodeAsync(Api);
        var code = await Api.LatestSmsCode(phone);
        var wrong = code == "000000" ? "111111" : "000000";

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Api.Http.PostAsJsonAsync("/api/auth/applicant-sessions", new { phone, code = wrong })));
        var codes = await Task.WhenAll(responses.Select(async r => (await Api.Expect(r, r.StatusCode)).GetProperty("code").GetString()));

        Assert.InRange(codes.Count(c => c == "sms_code_invalid"), 1, 5);
        Assert.All(codes, c => Assert.True(c is "sms_code_invalid" or "sms_code_expired", c));
        // Every try is spent: the right code no longer opens the account.
        await Api.ExpectProblem(await Api.Http.PostAsJsonAsync("/api/auth/applicant-sessions", new { phone, code }), HttpStatusCode.UnprocessableEntity, "sms_code_expired");
    }

    [Fact]
    public async Task The_right_SMS_code_sent_twice_at_once_opens_one_session()
    {
        var phone = await LoginLimitTests.RequestCodeAsync(Api);
        var code = await Api.LatestSmsCode(phone);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Api.Http.PostAsJsonAsync("/api/auth/applicant-sessions", new { phone, code })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task Officer_log_in_takes_as_long_for_an_unknown_username_as_for_a_wrong_password()
    {
        // Interleaved, so both kinds meet the same machine load; medians, so one slow request cannot decide.
        var known = new List<double>();
        var unknown = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            known.Add(await TimeFailedLoginAsync("tianjin-production"));
            unknown.Add(await TimeFailedLoginAsync($"no-such-officer-{round}"));
        }

        // A known username costs a PBKDF2 verification (~0.1 s); an unknown one must cost the same, not ~1 ms.
        Assert.True(Median(unknown) > 0.5 * Median(known), $"unknown {Median(unknown):F1} ms, known {Median(known):F1} ms");
        await Api.LoginOfficer("tianjin-production"); // clears the failures counted against the real account
    }

    private async Task<double> TimeFailedLoginAsync(string username)
    {
        var watch = Stopwatch.StartNew();
        var response = await Api.Http.PostAsJsonAsync("/api/auth/officer-sessions", new { username, password = "wrong-password" });
        watch.Stop();
        await Api.ExpectProblem(response, HttpStatusCode.Unauthorized, "invalid_credentials");
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
