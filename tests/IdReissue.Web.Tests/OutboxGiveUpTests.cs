using IdReissue.Application.Auth;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Security.Claims;
using IdReissue.Infrastructure;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Web.Auth;
using IdReissue.Application.Review;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>A service with two extra kinds of background work: one that always fails, one that works; retries are fast.</summary>
public sealed class FailingWorkService() : ServiceFixture(new Dictionary<string, string>
{
    ["Outbox:MaxAttempts"] = "4",
    ["Outbox:RetryDelay"] = "00:00:00.150",
    ["Outbox:PollInterval"] = "00:00:00.020",
})
{
    public ConcurrentQueue<(int Attempt, DateTimeOffset ScheduledFor, DateTimeOffset RanAt)> FailingRuns { get; } = new();

    public ConcurrentQueue<DateTimeOffset> WorkingRuns { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddScoped<IOutboxHandler>(_ => new AlwaysFailing(this));
            services.AddScoped<IOutboxHandler>(_ => new Working(this));
        });
    }

    private sealed class AlwaysFailing(FailingWorkService owner) : IOutboxHandler
    {
        public string Kind => "test.always-failing";

        public Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            owner.FailingRuns.Enqueue((message.Attempts, message.AvailableAt, DateTimeOffset.UtcNow));
            throw new InvalidOperationException($"courier system unreachable (attempt {message.Attempts})");
        }
    }

    private sealed class Working(FailingWorkService owner) : IOutboxHandler
    {
        public string Kind => "test.working";

        public Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            owner.WorkingRuns.Enqueue(DateTimeOffset.UtcNow);
            return Task.FromResult(OutboxOutcome.Done);
        }
    }
}

public sealed class OutboxGiveUpTests(FailingWorkService service) : IClassFixture<FailingWorkService>
{
    [Fact]
    public async Task Failing_work_is_retried_with_growing_delays_then_set_aside_with_its_last_error_for_metrics_and_the_workbench_while_other_work_runs()
    {
        using var givenUp = new GivenUpCounter();
        var factory = service.Services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>();
        Guid failingId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var now = DateTimeOffset.UtcNow;
            failingId = db.Enqueue("test.always-failing", new { }, now).Id;
            await db.SaveChangesAsync();
        }

        // Work queued behind the failing message runs while it waits for its retries.
        for (var i = 0; i < 3; i++)
        {
            await using var db = await factory.CreateDbContextAsync();
            db.Enqueue("test.working", new { Number = i }, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            await WaitUntilAsync(() => service.WorkingRuns.Count > i);
        }

        Assert.True(service.FailingRuns.Count < 4, "the working messages did not wait for the failing one to give up");
        await WaitUntilAsync(() => givenUp.Count > 0);

        var runs = service.FailingRuns.ToList();
        Assert.Equal([1, 2, 3, 4], runs.Select(r => r.Attempt));
        // Each retry was scheduled twice as far after the failure before it: 0.3 s, 0.6 s, 1.2 s. Measured from
        // the start of the failed run, so a little more by the time the failure itself took to record.
        var delays = runs.Zip(runs.Skip(1), (before, after) => (after.ScheduledFor - before.RanAt).TotalMilliseconds).ToList();
        for (var i = 0; i < delays.Count; i++)
        {
            Assert.InRange(delays[i], 300 * Math.Pow(2, i), (300 * Math.Pow(2, i)) + 250);
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == failingId);
            Assert.NotNull(message.FailedAt);
            Assert.Null(message.ProcessedAt);
            Assert.Contains("attempt 4", message.LastError, StringComparison.Ordinal);
        }

        Assert.Equal(1, givenUp.Count);
        await using var scope = service.Services.CreateAsyncScope();
        var admin = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "admin"), new Claim(SessionClaims.Kind, SessionKinds.Officer), new Claim(SessionClaims.Region, "*")], "test"));
        var figures = (await scope.ServiceProvider.GetRequiredService<GetDayDashboardHandler>().HandleAsync(new GetDayDashboard(admin.AsOfficerScope()), CancellationToken.None)).Value;
        Assert.Equal(1, figures.GivenUpCount);
        var task = Assert.Single(figures.GivenUp);
        Assert.Equal("test.always-failing", task.Kind);
        Assert.Equal(4, task.Attempts);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for background work");
            await Task.Delay(10);
        }
    }

    /// <summary>The give-up counter as a monitoring system reads it.</summary>
    private sealed class GivenUpCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public GivenUpCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == Telemetry.MeterName && instrument.Name == "idreissue.outbox.given_up")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag is { Key: "kind", Value: "test.always-failing" })
                    {
                        Interlocked.Add(ref _count, value);
                    }
                }
            });
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
