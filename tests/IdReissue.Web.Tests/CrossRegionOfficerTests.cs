using System.Net;

namespace IdReissue.Web.Tests;

/// <summary>An officer's region bounds every action, not just what the queues show.</summary>
[Collection(SharedService.Name)]
public class CrossRegionOfficerTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task An_officer_of_another_region_can_neither_decide_produce_dispatch_nor_export_and_batches_hold_one_region()
    {
        var hunan = await Journey.UnderReview(Api, "hunan");
        var jilin = await Journey.UnderReview(Api, "jilin");
        var jilinReviewer = await Api.LoginOfficer("jilin-review");
        var jilinProducer = await Api.LoginOfficer("jilin-production");

        foreach (var action in new[] { "approve", "reject", "request-new-photo" })
        {
            await Api.ExpectProblem(await Api.Post($"/api/officer/applications/{hunan.ApplicationId}/{action}", jilinReviewer, new { reason = "照片与本人不符" }),
                HttpStatusCode.NotFound, "application_not_found");
        }

        Assert.Equal("UnderReview", (await hunan.Progress()).GetProperty("state").GetString());
        var hunanReviewer = await Api.LoginOfficer("hunan-review");
        await Api.Expect(await Api.Post($"/api/officer/applications/{hunan.ApplicationId}/approve", hunanReviewer), HttpStatusCode.OK);
        await Api.Expect(await Api.Post($"/api/officer/applications/{jilin.ApplicationId}/approve", jilinReviewer), HttpStatusCode.OK);

        // Jilin's batch takes Jilin's approved applications only, even with Hunan's approved and waiting.
        var jilinBatch = await Api.Expect(await Api.Post("/api/officer/production-batches", jilinProducer, new { region = "hunan" }, Guid.NewGuid().ToString()), HttpStatusCode.Created);
        Assert.Equal("jilin", jilinBatch.GetProperty("region").GetString());
        var numbers = jilinBatch.GetProperty("applicationNumbers").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Contains((await jilin.Progress()).GetProperty("applicationNumber").GetString(), numbers);
        Assert.DoesNotContain((await hunan.Progress()).GetProperty("applicationNumber").GetString(), numbers);
        Assert.Equal("Approved", (await hunan.Progress()).GetProperty("state").GetString());

        var hunanProducer = await Api.LoginOfficer("hunan-production");
        var hunanBatch = await Api.Expect(await Api.Post("/api/officer/production-batches", hunanProducer, new { }, Guid.NewGuid().ToString()), HttpStatusCode.Created);
        await Api.ExpectProblem(await Api.Send(HttpMethod.Get, $"/api/officer/production-batches/{hunanBatch.GetProperty("id").GetGuid()}/export", jilinProducer),
            HttpStatusCode.NotFound, "batch_not_found");
        Assert.DoesNotContain((await Api.Get("/api/officer/production-batches", jilinProducer)).EnumerateArray(),
            b => b.GetProperty("id").GetGuid() == hunanBatch.GetProperty("id").GetGuid());

        await Api.ExpectProblem(await Api.Post($"/api/officer/applications/{hunan.ApplicationId}/dispatch", jilinProducer), HttpStatusCode.NotFound, "application_not_found");
        Assert.Equal("InProduction", (await hunan.Progress()).GetProperty("state").GetString());
        await Api.Expect(await Api.Post($"/api/officer/applications/{hunan.ApplicationId}/dispatch", hunanProducer), HttpStatusCode.OK);
        await Api.ExpectProblem(await Api.Post($"/api/officer/applications/{hunan.ApplicationId}/delivery", jilinProducer), HttpStatusCode.NotFound, "application_not_found");
        Assert.Equal("Dispatched", (await hunan.Progress()).GetProperty("state").GetString());
    }
}
