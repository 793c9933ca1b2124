using IdReissue.Infrastructure.Sandbox;
using IdReissue.Application.Ports;
using System.Net;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>A service with a small storage quota, so every storage bound can be reached in a test.</summary>
public sealed class StorageLimitedService() : ServiceFixture(new Dictionary<string, string>
{
    ["Abuse:StoredBytesPerApplication"] = "300000",
    ["Abuse:FailedPhotosKeptPerApplication"] = "2",
    ["Abuse:HouseholdPageUploadsPerApplicationPerDay"] = "3",
});

/// <summary>What one application may store is bounded: retries and re-uploads cannot fill the database.</summary>
public sealed class BoundedStorageTests(StorageLimitedService service) : IClassFixture<StorageLimitedService>
{
    private static readonly string[] FailingPhotos = ["df__img13__small.jpg", "df__img13__large.jpg", "df__img13__offcentre.jpg", "df__img13__tilt.jpg"];

    private Api Api => service.Api;

    [Fact]
    public async Task Only_the_newest_failed_photos_keep_their_image_and_every_verdict_is_kept()
    {
        var (journey, photoNumber) = await PhotoPendingAsync();
        foreach (var file in FailingPhotos)
        {
            var verdict = await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", ServiceFixture.DevSetPhoto(file))), HttpStatusCode.OK);
            Assert.False(verdict.GetProperty("accepted").GetBoolean());
        }

        Assert.Equal((4, 2), await CountAsync(journey.ApplicationId));
        // A new submission first drops the oldest kept failure, so it always has room: one failure and the accepted photo remain.
        await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.OK);
        Assert.Equal((5, 2), await CountAsync(journey.ApplicationId));
    }

    [Fact]
    public async Task An_upload_beyond_the_applications_quota_is_refused_and_nothing_is_stored()
    {
        var (journey, photoNumber) = await PhotoPendingAsync();

        await Api.ExpectProblem(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", ServiceFixture.DevSetPhoto("df__couple.jpg"))),
            HttpStatusCode.Conflict, "storage_quota_exceeded");

        Assert.Equal((0, 0), await CountAsync(journey.ApplicationId));
    }

    [Fact]
    public async Task A_new_household_register_page_replaces_the_old_one_and_uploads_are_limited()
    {
        var journey = await Journey.Begin(Api, "tianjin");
        await journey.ToAddressGiven("Loss");
        var path = $"/api/applications/{journey.ApplicationId}/documents/household-register-page";
        for (var upload = 0; upload < 3; upload++)
        {
            await Api.Expect(await Api.Post(path, journey.Token, Api.Upload("file", SandboxHouseholdPage.Draw(upload))), HttpStatusCode.Created);
        }

        var refused = await Api.Post(path, journey.Token, Api.Upload("file", Journey.GoodPhoto));
        await Api.ExpectProblem(refused, HttpStatusCode.TooManyRequests, "household_page_too_frequent");

        await using var db = await service.Services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>().CreateDbContextAsync();
        var pages = await db.Files.AsNoTracking().Where(f => f.ApplicationId == journey.ApplicationId && f.Kind == StoredFileKind.HouseholdRegisterPage).ToListAsync();
        var page = Assert.Single(pages);
        Assert.Equal(SandboxHouseholdPage.Draw(2), page.Content);
        Assert.Equal(page.Id, (await db.Applications.AsNoTracking().SingleAsync(a => a.Id == journey.ApplicationId)).HouseholdPageDocumentId);
    }

    private async Task<(Journey Journey, string PhotoNumber)> PhotoPendingAsync()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        await journey.PayAtCashier(await journey.CreatePayment("WeChatPay"));
        return (journey, (await journey.WaitFor("PhotoPending")).GetProperty("photoNumber").GetString()!);
    }

    /// <summary>Photo submissions recorded, and photo images still stored, for one application.</summary>
    private async Task<(int Submissions, int Images)> CountAsync(Guid applicationId)
    {
        await using var db = await service.Services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>().CreateDbContextAsync();
        return (await db.PhotoSubmissions.CountAsync(s => s.ApplicationId == applicationId),
            await db.Files.CountAsync(f => f.ApplicationId == applicationId && f.Kind == StoredFileKind.Photo));
    }
}
