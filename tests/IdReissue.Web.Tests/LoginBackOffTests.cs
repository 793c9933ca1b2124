using IdReissue.Application.Abuse;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Security;
using IdReissue.Web.Abuse;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IdReissue.Web.Tests;

/// <summary>The log-in lock's back-off over hours of failures, on the service's own counters, with the clock moved by hand.</summary>
[Collection(SharedService.Name)]
public class LoginBackOffTests(ServiceFixture service)
{
    [Fact]
    public async Task Each_failure_past_the_threshold_doubles_the_lock_from_one_minute_up_to_a_day()
    {
        const int threshold = 5;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));
        await using var scope = service.Services.CreateAsyncScope();
        var limiter = new AbuseLimiter(scope.ServiceProvider.GetRequiredService<IdReissueDbContext>(), clock);
        var key = $"login-officer:backoff-{Guid.NewGuid():N}";

        for (var failure = 1; failure < threshold; failure++)
        {
            await limiter.RecordFailureAsync(key, TimeSpan.FromDays(1), CancellationToken.None);
            await limiter.RequireNotLockedAsync(key, threshold, CancellationToken.None);
        }

        // The 5th failure locks for 1 minute, the 6th for 2, the 7th for 4 ... counted from the last failure.
        var expected = new[] { 1, 2, 4, 8, 16 };
        foreach (var minutes in expected)
        {
            await limiter.RecordFailureAsync(key, TimeSpan.FromDays(1), CancellationToken.None);
            var locked = await Assert.ThrowsAsync<RateLimitedException>(() => limiter.RequireNotLockedAsync(key, threshold, CancellationToken.None));
            Assert.Equal(TimeSpan.FromMinutes(minutes), locked.RetryAfter);

            clock.Advance(TimeSpan.FromMinutes(minutes) - TimeSpan.FromSeconds(1));
            await Assert.ThrowsAsync<RateLimitedException>(() => limiter.RequireNotLockedAsync(key, threshold, CancellationToken.None));
            clock.Advance(TimeSpan.FromSeconds(1));
            await limiter.RequireNotLockedAsync(key, threshold, CancellationToken.None);
        }

        Assert.Equal(TimeSpan.FromDays(1), AbuseGuard.BackOff(threshold + 20, threshold));
        await scope.ServiceProvider.GetRequiredService<IdReissueDbContext>().AbuseCounters.Where(c => c.Key == key).ExecuteDeleteAsync();
    }
}
