using System.Net;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>Faces are personal data: the officer's page shows verdicts and similarities, and the face images only to an officer
/// with the reveal right who asks, each viewing audited.</summary>
[Collection(SharedService.Name)]
public class FaceImageAccessTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task Face_images_need_the_reveal_right_and_each_viewing_is_audited()
    {
        var journey = await Journey.UnderReview(Api, "hunan");
        var number = (await journey.Progress()).GetProperty("applicationNumber").GetString()!;

        // The production officer works on the application but holds no reveal right: no face, and asking is refused.
        var producer = await Api.LoginOfficer("hunan-production");
        var withoutRight = await (await Api.Send(HttpMethod.Get, $"/officer/applications/{journey.ApplicationId}", producer)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("data:image", withoutRight, StringComparison.Ordinal);
        Assert.Contains("查看人像照片需“查看个人信息”权限", withoutRight, StringComparison.Ordinal);
        Assert.Contains("data-score=\"photo-registry\"", withoutRight, StringComparison.Ordinal);
        using (var refused = await PageForms.PostWithBearerAsync(Api.Http, producer, $"/officer/applications/{journey.ApplicationId}?handler=Faces", withoutRight))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // The reviewer sees none until asking either; asking shows them and is recorded once.
        var reviewer = await Api.LoginOfficer("hunan-review");
        var before = await (await Api.Send(HttpMethod.Get, $"/officer/applications/{journey.ApplicationId}", reviewer)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("data:image", before, StringComparison.Ordinal);
        Assert.Contains("id=\"show-faces\"", before, StringComparison.Ordinal);
        Assert.Equal(0, await ViewingsAsync(number));

        var shown = await ReviewSteps.OfficerPageWithFacesAsync(Api, journey.ApplicationId);
        Assert.Matches("<img src=\"data:image/jpeg;base64,[^\"]+\" alt=\"提交的证件照片\"", shown);
        Assert.Contains("本次查看人像照片已记入审计日志", shown, StringComparison.Ordinal);
        Assert.Equal(1, await ViewingsAsync(number));
    }

    private async Task<int> ViewingsAsync(string applicationNumber)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
        return await db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == "application.faces.view" && a.Target == applicationNumber);
    }
}
