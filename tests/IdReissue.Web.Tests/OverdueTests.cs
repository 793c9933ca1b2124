using IdReissue.Infrastructure.Sandbox;
using IdReissue.Application.Auth;
using System.Net;
using System.Security.Claims;
using IdReissue.Domain.Common;
using IdReissue.Application.Review;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Stores;
using IdReissue.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>One overdue rule: the applicant's progress, the officers' queue filter and the dashboard agree on every side of the due date.</summary>
[Collection(SharedService.Name)]
public class OverdueTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task Progress_queue_filter_and_dashboard_agree_on_overdue_the_day_after_the_due_date_and_not_before()
    {
        var journey = await Journey.Begin(Api, "tianjin");
        await journey.ToAddressGiven("Loss");
        await Api.Expect(await Api.Post($"/api/applications/{journey.ApplicationId}/documents/household-register-page", journey.Token, Api.Upload("file", SandboxHouseholdPage.Draw())), HttpStatusCode.Created);
        await journey.PayAtCashier(await journey.CreatePayment("WeChatPay"));
        var paid = await WaitForReviewOrPhotoAsync(journey);
        if (paid == "PhotoPending")
        {
            var photoNumber = (await journey.Progress()).GetProperty("photoNumber").GetString();
            await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.OK);
        }

        await journey.WaitFor("UnderReview");
        var reviewer = await Api.LoginOfficer("tianjin-review");
        var today = ChinaTime.DateOf(DateTimeOffset.UtcNow);

        foreach (var (due, overdue) in new[] { (today.AddDays(1), false), (today, false), (today.AddDays(-1), true), (today.AddDays(-30), true) })
        {
            await SetDueDateAsync(journey.ApplicationId, due);

            Assert.Equal(overdue, (await journey.Progress()).GetProperty("overdue").GetBoolean());
            var queue = await Api.Get("/api/officer/applications?state=UnderReview&overdue=true", reviewer);
            Assert.Equal(overdue, queue.EnumerateArray().Any(i => i.GetProperty("id").GetGuid() == journey.ApplicationId));
            Assert.Equal(overdue, (await OverdueOnDashboardAsync()).Contains(journey.ApplicationId));
        }
    }

    private static async Task<string> WaitForReviewOrPhotoAsync(Journey journey)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var state = (await journey.Progress()).GetProperty("state").GetString()!;
            if (state is "PhotoPending" or "UnderReview" || DateTime.UtcNow > deadline)
            {
                return state;
            }

            await Task.Delay(50);
        }
    }

    private async Task SetDueDateAsync(Guid id, DateOnly due)
    {
        await using var db = await service.Services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>().CreateDbContextAsync();
        await db.Applications.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.DueDate, due));
    }

    /// <summary>The applications the dashboard's overdue figure counts (the same query, listed rather than counted).</summary>
    private async Task<List<Guid>> OverdueOnDashboardAsync()
    {
        await using var scope = service.Services.CreateAsyncScope();
        var officer = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "tianjin-review"), new Claim(SessionClaims.Kind, SessionKinds.Officer), new Claim(SessionClaims.Regions, "tianjin")], "test"));
        var figures = (await scope.ServiceProvider.GetRequiredService<GetDayDashboardHandler>().HandleAsync(new GetDayDashboard(officer.AsOfficerScope()), CancellationToken.None)).Value;
        var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
        var listed = await EfReviewReadModel.Overdue(db.Applications.AsNoTracking().Where(a => a.RegionId == "tianjin"), ChinaTime.DateOf(DateTimeOffset.UtcNow)).Select(a => a.Id).ToListAsync();
        Assert.Equal(figures.Overdue, listed.Count);
        return listed;
    }
}
