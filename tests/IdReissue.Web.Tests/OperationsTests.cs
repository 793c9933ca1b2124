using System.Net;
using System.Net.Http.Json;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

[Collection(SharedService.Name)]
public class OperationsTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task Liveness_and_readiness_answer_and_readiness_checks_the_database()
    {
        Assert.Equal(HttpStatusCode.OK, (await Api.Http.GetAsync("/health/live")).StatusCode);
        var ready = await Api.Http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_metrics_endpoint_shows_the_services_own_counters()
    {
        var journey = await Journey.Begin(Api, "jilin");
        await journey.ToAddressGiven("Damage");
        await journey.PayAtCashier(await journey.CreatePayment("Alipay"));
        await journey.WaitFor("UnderReview");

        var metrics = "";
        for (var i = 0; i < 40 && !metrics.Contains("idreissue_payments", StringComparison.Ordinal); i++)
        {
            await Task.Delay(250);
            metrics = await Api.Http.GetStringAsync("/metrics");
        }

        Assert.Contains("idreissue_payments", metrics, StringComparison.Ordinal);
        Assert.Contains("idreissue_outbox_processed", metrics, StringComparison.Ordinal);
        Assert.Contains("idreissue_applications", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(journey.Field("citizenId"), metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_claimed_by_a_node_that_died_is_taken_over_when_its_lease_runs_out()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.VerifyRealName();
        await journey.Start("Loss");
        var factory = service.Services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>();
        Guid id;
        await using (var db = await factory.CreateDbContextAsync())
        {
            // A notice a dead node had claimed: its lease ran out a second ago.
            var message = db.Enqueue(TransitionOutbox.NotifyApplicant, new ApplicantNotice(journey.ApplicationId, 1), DateTimeOffset.UtcNow);
            message.LockedBy = "dead-node:1:000000";
            message.LockedUntil = DateTimeOffset.UtcNow.AddSeconds(-1);
            message.Attempts = 1;
            await db.SaveChangesAsync();
            id = message.Id;
        }

        var processed = false;
        for (var i = 0; i < 80 && !processed; i++)
        {
            await Task.Delay(100);
            await using var db = await factory.CreateDbContextAsync();
            processed = await db.OutboxMessages.AnyAsync(m => m.Id == id && m.ProcessedAt != null);
        }

        Assert.True(processed, "the expired claim was not taken over");
        var sms = await Api.Expect(await Api.Http.PostAsJsonAsync("/sandbox/sms/inbox", new { phone = journey.Field("phone") }), HttpStatusCode.OK);
        Assert.Single(sms.EnumerateArray(), m => m.GetProperty("text").GetString()!.Contains("已创建申请", StringComparison.Ordinal));
    }
}
