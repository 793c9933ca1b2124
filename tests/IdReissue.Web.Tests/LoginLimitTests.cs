using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Persistence.Stores;
using IdReissue.Infrastructure.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
}

/// <summary>The service with its officer account store watched: every password check a log-in asks for.</summary>
public sealed class WatchedPasswordService : ServiceFixture
{
    public ConcurrentQueue<(string Username, OfficerCredentials? Officer)> PasswordChecks { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IOfficerAccountStore>();
            services.AddScoped<IOfficerAccountStore>(sp => new Watched(ActivatorUtilities.CreateInstance<EfOfficerAccountStore>(sp), this));
        });
    }

    /// <summary>Only the log-in's password checks are watched; the rest as the store does it.</summary>
    private sealed class Watched(EfOfficerAccountStore store, WatchedPasswordService owner) : DelegatingOfficerAccountStore(store)
    {
        private string? _lastUsername;

        public override Task<OfficerCredentials?> FindAsync(string username, CancellationToken cancellationToken)
        {
            _lastUsername = username;
            return base.FindAsync(username, cancellationToken);
        }

        public override bool PasswordMatches(OfficerCredentials? officer, string password)
        {
            owner.PasswordChecks.Enqueue((_lastUsername ?? string.Empty, officer));
            return base.PasswordMatches(officer, password);
        }
    }
}

/// <summary>An unknown username costs what a wrong password costs: proven by the work done, not by a stopwatch.</summary>
public sealed class OfficerLoginTimingTests(WatchedPasswordService service) : IClassFixture<WatchedPasswordService>
{
    [Fact]
    public async Task Officer_log_in_hashes_as_much_for_an_unknown_username_as_for_a_wrong_password()
    {
        foreach (var username in new[] { "tianjin-production", "no-such-officer" })
        {
            await Api.ExpectProblem(await service.Api.Http.PostAsJsonAsync("/api/auth/officer-sessions", new { username, password = "wrong-password" }),
                HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        // Each failed log-in asked for one password check, the unknown username's against no officer...
        var checks = service.PasswordChecks.ToList();
        Assert.Equal(["tianjin-production", "no-such-officer"], checks.Select(c => c.Username));
        var known = checks[0].Officer ?? throw new InvalidOperationException("the seeded officer was not found");
        Assert.Null(checks[1].Officer);

        // ...which verifies against a hash of the same cost as the officer's own: PBKDF2 with the same iterations, salt and
        // output sizes (the time a check takes is decided by these alone), and matches no password.
        static (string Iterations, int Salt, int Hash) Cost(string stored) =>
            stored.Split('.') is [var iterations, var salt, var hash] ? (iterations, Convert.FromBase64String(salt).Length, Convert.FromBase64String(hash).Length)
                : throw new FormatException(stored);
        Assert.Equal(Cost(known.PasswordHash), Cost(PasswordHasher.Unmatchable));
        Assert.Equal(Cost(known.PasswordHash), Cost(PasswordHasher.Hash("any password")));
        await using var scope = service.Services.CreateAsyncScope();
        var store = ActivatorUtilities.CreateInstance<EfOfficerAccountStore>(scope.ServiceProvider);
        Assert.False(store.PasswordMatches(null, "wrong-password"));
        Assert.False(store.PasswordMatches(null, string.Empty));
    }
}
