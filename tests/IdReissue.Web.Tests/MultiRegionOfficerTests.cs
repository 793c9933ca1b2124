using System.Net;
using System.Net.Http.Json;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>An officer holds a set of regions: they see and act on the applications of each of them and of no other, and an
/// administrator grants only regions they hold themselves.</summary>
[Collection(SharedService.Name)]
public sealed class MultiRegionOfficerTests(ServiceFixture service)
{
    private const string Password = "两个辖区的民警 correct horse battery";

    private Api Api => service.Api;

    [Fact]
    public async Task An_officer_of_two_regions_sees_both_queues_and_acts_on_both_but_never_sees_a_third()
    {
        var hunan = await Journey.UnderReview(Api, "hunan");
        var jilin = await Journey.UnderReview(Api, "jilin");
        // Tianjin's application only started (Tianjin's path to review is long): its queue is that state's.
        var tianjin = await Journey.Begin(Api, "tianjin");
        await tianjin.VerifyRealName();
        await tianjin.Start("Loss");
        var tianjinState = (await tianjin.Progress()).GetProperty("state").GetString()!;
        Assert.Contains(tianjin.ApplicationId, await QueueAsync(await Api.LoginOfficer("tianjin-review"), null, tianjinState));
        var admin = await Api.LoginOfficer("admin");
        var (officer, session) = await NewOfficerAsync(admin, ["review"], ["jilin", "hunan"]);
        Assert.Equal(["hunan", "jilin"], session.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));

        var queue = await QueueAsync(officer, null);
        Assert.Contains(hunan.ApplicationId, queue);
        Assert.Contains(jilin.ApplicationId, queue);
        Assert.DoesNotContain(tianjin.ApplicationId, await QueueAsync(officer, null, tianjinState));
        // Naming a region narrows to it; naming one they do not hold widens nothing.
        Assert.DoesNotContain(hunan.ApplicationId, await QueueAsync(officer, "jilin"));
        Assert.Contains(jilin.ApplicationId, await QueueAsync(officer, "jilin"));
        Assert.DoesNotContain(tianjin.ApplicationId, await QueueAsync(officer, "tianjin", tianjinState));

        // The workbench's queue page: both regions' applications, a filter of their two regions only.
        var page = await PageAsync("/officer/queue", officer);
        Assert.Contains(await NumberAsync(hunan), page, StringComparison.Ordinal);
        Assert.Contains(await NumberAsync(jilin), page, StringComparison.Ordinal);
        Assert.Contains("value=\"jilin\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"tianjin\"", page, StringComparison.Ordinal);
        var jilinOnly = await PageAsync("/officer/queue?region=jilin", officer);
        Assert.DoesNotContain(await NumberAsync(hunan), jilinOnly, StringComparison.Ordinal);
        Assert.Contains(await NumberAsync(jilin), jilinOnly, StringComparison.Ordinal);

        // Acting: both regions' applications, not the third's (it reads as not found, as any other region's does).
        await Api.ExpectProblem(await Api.Send(HttpMethod.Get, $"/api/officer/applications/{tianjin.ApplicationId}", officer), HttpStatusCode.NotFound, "application_not_found");
        await Api.ExpectProblem(await Api.Post($"/api/officer/applications/{tianjin.ApplicationId}/approve", officer), HttpStatusCode.NotFound, "application_not_found");
        await Api.Expect(await Api.Post($"/api/officer/applications/{hunan.ApplicationId}/approve", officer), HttpStatusCode.OK);
        await Api.Expect(await Api.Post($"/api/officer/applications/{jilin.ApplicationId}/approve", officer), HttpStatusCode.OK);
        Assert.Equal(tianjinState, (await tianjin.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_administrator_of_one_region_cannot_grant_another_nor_manage_an_officer_who_also_holds_another()
    {
        var admin = await Api.LoginOfficer("admin");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (regional, _) = await NewOfficerAsync(admin, ["admin"], ["hunan"], $"hunan-admin-{suffix}");
        await Api.Expect(await Api.Post("/api/officer/admin/officers", admin,
            new { username = $"two-{suffix}", displayName = "两地民警", roles = R("review"), regions = R("hunan", "jilin") }), HttpStatusCode.Created);

        await Api.ExpectProblem(await Api.Post("/api/officer/admin/officers", regional,
            new { username = $"wider-{suffix}", displayName = "新民警", roles = R("review"), regions = R("hunan", "jilin") }), HttpStatusCode.Forbidden, "region_out_of_scope");
        await Api.ExpectProblem(await Api.Post("/api/officer/admin/officers", regional,
            new { username = $"none-{suffix}", displayName = "新民警", roles = R("review"), regions = R() }), HttpStatusCode.UnprocessableEntity, "regions_required");
        await Api.Expect(await Api.Post("/api/officer/admin/officers", regional,
            new { username = $"clerk-{suffix}", displayName = "湖南民警", roles = R("review"), regions = R("hunan") }), HttpStatusCode.Created);
        await Api.ExpectProblem(await Api.Send(HttpMethod.Put, $"/api/officer/admin/officers/clerk-{suffix}", regional,
            new { displayName = "湖南民警", roles = R("review"), regions = R("hunan", "jilin") }), HttpStatusCode.Forbidden, "region_out_of_scope");
        await Api.ExpectProblem(await Api.Send(HttpMethod.Put, $"/api/officer/admin/officers/hunan-admin-{suffix}", regional,
            new { displayName = "湖南管理员", roles = R("admin"), regions = R("hunan", "jilin") }), HttpStatusCode.Forbidden, "region_out_of_scope");
        // An officer who also works for Jilin is out of a Hunan administrator's sight: neither listed nor changed.
        await Api.ExpectProblem(await Api.Post($"/api/officer/admin/officers/two-{suffix}/disable", regional), HttpStatusCode.NotFound, "officer_not_found");
        var listed = (await Api.Get("/api/officer/admin/officers", regional)).EnumerateArray().Select(o => o.GetProperty("username").GetString()).ToList();
        Assert.Contains($"clerk-{suffix}", listed);
        Assert.DoesNotContain($"two-{suffix}", listed);

        // The administrator of every region widens the clerk's regions; the audit entry says before → after.
        var widened = await Api.Expect(await Api.Send(HttpMethod.Put, $"/api/officer/admin/officers/clerk-{suffix}", admin,
            new { displayName = "湖南民警", roles = R("review"), regions = R("jilin", "hunan") }), HttpStatusCode.OK);
        Assert.Equal(["hunan", "jilin"], widened.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("regions: hunan → hunan,jilin", await AuditDetailAsync("officer.edit", $"officer:clerk-{suffix}"));
        var officerPage = await PageAsync($"/officer/admin/clerk-{suffix}", admin);
        Assert.Contains("id=\"regions-held\">湖南省、吉林省<", officerPage, StringComparison.Ordinal);
        Assert.Contains("value=\"jilin\" checked=\"checked\"", officerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"tianjin\" checked", officerPage, StringComparison.Ordinal);
    }

    private static string[] R(params string[] values) => values;

    /// <summary>An officer made by <paramref name="admin"/>, their password set through the link (this service requires no
    /// second factor); answers their session's token and the log-in's answer.</summary>
    private async Task<(string Token, System.Text.Json.JsonElement Session)> NewOfficerAsync(string admin, string[] roles, string[] regions, string? username = null)
    {
        username ??= $"multi-{Guid.NewGuid().ToString("N")[..8]}";
        var link = await Api.Expect(await Api.Post("/api/officer/admin/officers", admin, new { username, displayName = "多地民警", roles, regions }), HttpStatusCode.Created);
        var token = link.GetProperty("setupPath").GetString()!["/officer/setup/".Length..];
        await Api.Expect(await Api.Post("/api/auth/officer-setup", null, new { token, password = Password }), HttpStatusCode.OK);
        var session = await Api.Expect(await Api.Http.PostAsJsonAsync("/api/auth/officer-sessions", new { username, password = Password }), HttpStatusCode.OK);
        return (session.GetProperty("token").GetString()!, session);
    }

    private async Task<List<Guid>> QueueAsync(string officer, string? region, string state = "UnderReview") =>
        [.. (await Api.Get($"/api/officer/applications?state={state}" + (region is null ? string.Empty : $"&region={region}"), officer)).EnumerateArray()
            .Select(a => a.GetProperty("id").GetGuid())];

    private static async Task<string> NumberAsync(Journey journey) => (await journey.Progress()).GetProperty("applicationNumber").GetString()!;

    private async Task<string> PageAsync(string path, string officer)
    {
        var page = await Api.Send(HttpMethod.Get, path, officer);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync();
    }

    private async Task<string?> AuditDetailAsync(string action, string target)
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdReissueDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == action && e.Target == target).OrderByDescending(e => e.Id).Select(e => e.Detail).FirstAsync();
    }
}
