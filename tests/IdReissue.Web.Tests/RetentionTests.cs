using IdReissue.Application.Ports;
using System.Net;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>Files kept zero days after closing, swept only when the test asks.</summary>
public sealed class ImmediateRetentionService() : ServiceFixture(new Dictionary<string, string>
{
    ["Retention:FilesKeptAfterClosedDays"] = "0",
    ["Retention:SweepInterval"] = "1.00:00:00",
});

public sealed class RetentionTests(ImmediateRetentionService service) : IClassFixture<ImmediateRetentionService>
{
    private Api Api => service.Api;

    [Fact]
    public async Task The_verified_face_capture_is_deleted_when_the_closed_applications_retention_ends_and_not_before()
    {
        var closing = await Journey.Begin(Api, "hunan", "camera-clip");
        var open = await Journey.Begin(Api, "hunan", "camera-clip");
        foreach (var journey in new[] { closing, open })
        {
            await journey.VerifyRealName();
            await journey.Start("Damage");
            await journey.CheckEligibility();
            await Api.Expect(await journey.VerifyFaceWithSandboxClip(), HttpStatusCode.OK);
        }

        // The best frame, the frame of each drawn action and the report the officer reads.
        Assert.InRange(await CapturesOf(closing.ApplicationId), 4, 5);
        await Api.Expect(await Api.Post($"/api/applications/{closing.ApplicationId}/cancel", closing.Token), HttpStatusCode.OK);

        await service.Services.GetRequiredService<ClosedApplicationFiles>().SweepAsync(CancellationToken.None);

        Assert.Equal(0, await CapturesOf(closing.ApplicationId));
        Assert.InRange(await CapturesOf(open.ApplicationId), 4, 5);
    }

    private async Task<int> CapturesOf(Guid applicationId)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
        return await db.Files.CountAsync(f => f.ApplicationId == applicationId
            && (f.Kind == StoredFileKind.FaceCapture || f.Kind == StoredFileKind.LivenessFrame || f.Kind == StoredFileKind.RealPersonReport));
    }
}
