using System.Net;
using IdReissue.Application.Common;
using IdReissue.Application.Review;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>The workbench's read models (queue page, application page and its evidence) stay within the officer's region, and only a view that is shown is audited.</summary>
[Collection(SharedService.Name)]
public class ReviewReadModelRegionTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task An_officer_of_another_region_neither_sees_the_application_page_nor_finds_it_in_the_queue_and_the_refusal_is_not_audited_as_a_view()
    {
        var hunan = await Journey.UnderReview(Api, "hunan");
        var number = (await hunan.Progress()).GetProperty("applicationNumber").GetString()!;
        var jilinReviewer = await Api.LoginOfficer("jilin-review");
        var hunanReviewer = await Api.LoginOfficer("hunan-review");

        Assert.Equal(HttpStatusCode.NotFound, (await Api.Send(HttpMethod.Get, $"/officer/applications/{hunan.ApplicationId}", jilinReviewer)).StatusCode);
        Assert.DoesNotContain(number, await PageAsync("/officer/queue", jilinReviewer), StringComparison.Ordinal);
        Assert.Equal(0, await ViewsAsync("officer:jilin-review", number));

        Assert.Contains(number, await PageAsync($"/officer/applications/{hunan.ApplicationId}", hunanReviewer), StringComparison.Ordinal);
        Assert.Contains(number, await PageAsync("/officer/queue", hunanReviewer), StringComparison.Ordinal);
        Assert.Equal(1, await ViewsAsync("officer:hunan-review", number));
    }

    [Fact]
    public async Task The_evidence_and_the_frames_of_another_regions_application_read_as_not_found()
    {
        var hunan = await Journey.UnderReview(Api, "hunan");
        await using var scope = service.Services.CreateAsyncScope();
        var jilin = new OfficerScope("jilin-review", OfficerRegions.Of(["jilin"]));
        var evidence = scope.ServiceProvider.GetRequiredService<GetReviewEvidenceHandler>();
        var frames = scope.ServiceProvider.GetRequiredService<GetRealPersonFramesHandler>();

        Assert.Equal("application_not_found", (await evidence.HandleAsync(new GetReviewEvidence(hunan.ApplicationId, jilin), CancellationToken.None)).Problem?.Code);
        Assert.Equal("application_not_found", (await frames.HandleAsync(new GetRealPersonFrames(hunan.ApplicationId, jilin, [Guid.NewGuid()]), CancellationToken.None)).Problem?.Code);
        Assert.True((await evidence.HandleAsync(new GetReviewEvidence(hunan.ApplicationId, new OfficerScope("hunan-review", OfficerRegions.Of(["hunan"]))), CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task A_regional_officers_day_counts_only_their_region_and_names_no_given_up_task()
    {
        var hunan = await Journey.UnderReview(Api, "hunan");
        await using var scope = service.Services.CreateAsyncScope();
        var dashboard = scope.ServiceProvider.GetRequiredService<GetDayDashboardHandler>();

        var jilinDay = (await dashboard.HandleAsync(new GetDayDashboard(new OfficerScope("jilin-review", OfficerRegions.Of(["jilin"]))), CancellationToken.None)).Value;
        var hunanDay = (await dashboard.HandleAsync(new GetDayDashboard(new OfficerScope("hunan-review", OfficerRegions.Of(["hunan"]))), CancellationToken.None)).Value;

        Assert.All(jilinDay.ByRegionAndCase, c => Assert.Equal("jilin", c.Region));
        Assert.Empty(jilinDay.GivenUp);
        Assert.Contains(hunanDay.ByRegionAndCase, c => c.Region == "hunan" && c.Count > 0);
        Assert.All(hunanDay.ByRegionAndCase, c => Assert.Equal("hunan", c.Region));
        Assert.True(hunanDay.ToReview > 0, $"{hunan.ApplicationId} is under review");
    }

    private async Task<string> PageAsync(string path, string officer)
    {
        var page = await Api.Send(HttpMethod.Get, path, officer);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync();
    }

    private async Task<int> ViewsAsync(string actor, string number)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
        return await db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == "application.view" && a.Actor == actor && a.Target == number);
    }
}
