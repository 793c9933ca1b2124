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
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IdReissue.Web.Tests;

/// <summary>A service with two extra kinds of background work: one that always fails, one that works. Its own outbox loop
/// is off: the test runs the processor itself, pass by pass, on a fake clock it moves.</summary>
public sealed class FailingWorkService() : ServiceFixture(new Dictionary<string, string>
{
    ["Outbox:Enabled"] = "false",
    ["Outbox:MaxAttempts"] = "4",
    ["Outbox:RetryDelay"] = "00:00:00.150",
})
{
    /// <summary>The processor's clock, and the handlers': it moves only when the test moves it.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds())); // whole seconds: PostgreSQL keeps microseconds

    public ConcurrentQueue<(int Attempt, DateTimeOffset ScheduledFor, DateTimeOffset RanAt)> FailingRuns { get; } = new();

    public ConcurrentQueue<DateTimeOffset> WorkingRuns { get; } = new();

    /// <summary>The service's own outbox processor (its database, handlers, options and metrics) on <see cref="Clock"/>.</summary>
    public OutboxProcessor Processor() => new(
        Services.GetRequiredService<IServiceScopeFactory>(), Services.GetRequiredService<IOptions<OutboxOptions>>(), Services.GetRequiredService<OutboxMetrics>(),
        Clock, NullLogger<OutboxProcessor>.Instance);

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
            owner.FailingRuns.Enqueue((message.Attempts, message.AvailableAt, owner.Clock.GetUtcNow()));
            throw new InvalidOperationException($"courier system unreachable (attempt {message.Attempts})");
        }
    }

    private sealed class Working(FailingWorkService owner) : IOutboxHandler
    {
        public string Kind => "test.working";

        public Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            owner.WorkingRuns.Enqueue(owner.Clock.GetUtcNow());
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
        var processor = service.Processor();
        var clock = service.Clock;
        Guid failingId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            failingId = db.Enqueue("test.always-failing", new { }, clock.GetUtcNow()).Id;
            await db.SaveChangesAsync();
        }

        // Attempt 1 fails at once; each retry is due twice as long after the failure before it (0.3 s, 0.6 s, 1.2 s:
        // Outbox:RetryDelay × 2^attempts). The clock stands still within a pass, so the schedule is exact, and a pass a
        // millisecond before it is due runs nothing.
        await processor.RunOnceAsync(CancellationToken.None);
        for (var attempt = 1; attempt < 4; attempt++)
        {
            var delay = TimeSpan.FromMilliseconds(300 * Math.Pow(2, attempt - 1));

            // Work queued behind the failing message runs while it waits for its retry.
            await using (var db = await factory.CreateDbContextAsync())
            {
                db.Enqueue("test.working", new { Number = attempt }, clock.GetUtcNow());
                await db.SaveChangesAsync();
            }

            Assert.Equal(1, await processor.RunOnceAsync(CancellationToken.None));
            Assert.Equal(attempt, service.WorkingRuns.Count);

            clock.Advance(delay - TimeSpan.FromMilliseconds(1));
            Assert.Equal(0, await processor.RunOnceAsync(CancellationToken.None));
            Assert.Equal(attempt, service.FailingRuns.Count);

            clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(1, await processor.RunOnceAsync(CancellationToken.None));
        }

        var runs = service.FailingRuns.ToList();
        Assert.Equal([1, 2, 3, 4], runs.Select(r => r.Attempt));
        var delays = runs.Zip(runs.Skip(1), (before, after) => after.ScheduledFor - before.RanAt).ToList();
        Assert.Equal([TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(600), TimeSpan.FromMilliseconds(1200)], delays);
        Assert.All(runs.Skip(1), r => Assert.Equal(r.ScheduledFor, r.RanAt));

        // Set aside after the fourth: a pass a day later claims nothing.
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await processor.RunOnceAsync(CancellationToken.None));
        Assert.Equal(4, service.FailingRuns.Count);

        await using (var db = await factory.CreateDbContextAsync())
        {
            var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == failingId);
            Assert.Equal(runs[^1].RanAt, message.FailedAt);
            Assert.Null(message.ProcessedAt);
            Assert.Contains("attempt 4", message.LastError, StringComparison.Ordinal);
        }

        Assert.Equal(1, givenUp.Count);
        await using var scope = service.Services.CreateAsyncScope();
        var admin = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "admin"), new Claim(SessionClaims.Kind, SessionKinds.Officer), new Claim(SessionClaims.Regions, "*")], "test"));
        var figures = (await scope.ServiceProvider.GetRequiredService<GetDayDashboardHandler>().HandleAsync(new GetDayDashboard(admin.AsOfficerScope()), CancellationToken.None)).Value;
        Assert.Equal(1, figures.GivenUpCount);
        var task = Assert.Single(figures.GivenUp);
        Assert.Equal("test.always-failing", task.Kind);
        Assert.Equal(4, task.Attempts);
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
