using System.Net;

namespace IdReissue.Web.Tests;

/// <summary>Applicants see only their own applications; officers only their region's.</summary>
[Collection(SharedService.Name)]
public class AccessTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task Another_applicant_gets_not_found_on_every_applicant_endpoint()
    {
        var owner = await Journey.Begin(Api, "hunan");
        await owner.ToAddressGiven("Loss");
        var intruder = await Journey.Begin(Api, "hunan");
        var id = owner.ApplicationId;

        var attempts = new List<Task<HttpResponseMessage>>
        {
            Api.Send(HttpMethod.Get, $"/api/applications/{id}", intruder.Token),
            Api.Send(HttpMethod.Get, $"/api/applications/{id}/progress", intruder.Token),
            Api.Post($"/api/applications/{id}/eligibility", intruder.Token),
            Api.Post($"/api/applications/{id}/loss-report", intruder.Token, new { place = "长沙", lostAt = DateTimeOffset.UtcNow }),
            Api.Send(HttpMethod.Get, $"/api/applications/{id}/loss-report/receipt", intruder.Token),
            Api.Post($"/api/applications/{id}/face-verification/attempts", intruder.Token, new { channel = "camera" }),
            Api.Post($"/api/applications/{id}/face-verification", intruder.Token, RealPerson.Frames("token", [Journey.GoodPhoto])),
            Api.Post($"/api/applications/{id}/postage-quote", intruder.Token, new { divisionCode = "430102" }),
            Api.Send(HttpMethod.Put, $"/api/applications/{id}/address", intruder.Token, new { recipient = "x", phone = "13900000000", divisionCode = "430102", detail = "人民路1号" }),
            Api.Post($"/api/applications/{id}/documents/household-register-page", intruder.Token, Api.Upload("file", Journey.GoodPhoto)),
            Api.Post($"/api/applications/{id}/payments", intruder.Token, new { channel = "WeChatPay", acknowledgeNoCancellationNoRefund = true }),
            Api.Send(HttpMethod.Get, $"/api/applications/{id}/payments/current", intruder.Token),
            Api.Send(HttpMethod.Get, $"/api/applications/{id}/photo", intruder.Token),
            Api.Post($"/api/applications/{id}/photo", intruder.Token, Api.Upload("photo", Journey.GoodPhoto)),
            Api.Post($"/api/applications/{id}/cancel", intruder.Token),
        };

        foreach (var response in await Task.WhenAll(attempts))
        {
            await Api.ExpectProblem(response, HttpStatusCode.NotFound, "application_not_found");
        }

        Assert.Equal("AddressGiven", (await owner.Progress()).GetProperty("state").GetString());
        Assert.Empty((await Api.Get("/api/applications", intruder.Token)).EnumerateArray());
    }

    [Fact]
    public async Task Officers_see_only_their_region_and_only_their_roles_actions()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        var tianjinReviewer = await Api.LoginOfficer("tianjin-review");
        var hunanProducer = await Api.LoginOfficer("hunan-production");

        await Api.ExpectProblem(await Api.Send(HttpMethod.Get, $"/api/officer/applications/{journey.ApplicationId}", tianjinReviewer), HttpStatusCode.NotFound, "application_not_found");
        Assert.DoesNotContain((await Api.Get("/api/officer/applications?state=AddressGiven", tianjinReviewer)).EnumerateArray(),
            i => i.GetProperty("id").GetGuid() == journey.ApplicationId);
        await Api.ExpectProblem(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/approve", hunanProducer), HttpStatusCode.Forbidden, "forbidden");
        await Api.ExpectProblem(await Api.Send(HttpMethod.Get, "/api/officer/applications", journey.Token), HttpStatusCode.Forbidden, "forbidden");
        await Api.ExpectProblem(await Api.Send(HttpMethod.Get, "/api/officer/applications", null), HttpStatusCode.Unauthorized, "unauthenticated");
        await Api.ExpectProblem(await Api.Send(HttpMethod.Get, "/api/applications", tianjinReviewer), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_wrong_officer_password_is_refused()
    {
        var response = await Api.Post("/api/auth/officer-sessions", null, new { username = "hunan-review", password = "guess" });

        await Api.ExpectProblem(response, HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_journey_and_the_idempotency_key()
    {
        var document = await Api.Expect(await Api.Http.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var paths = document.GetProperty("paths");

        foreach (var path in new[] { "/api/applications", "/api/applications/{id}/progress", "/api/officer/production-batches", "/api/photos/{photoNumber}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        // The gateways' notifications are described as webhooks the service receives, not as client paths.
        Assert.True(document.GetProperty("webhooks").TryGetProperty("paymentNotification", out _));

        var start = paths.GetProperty("/api/applications").GetProperty("post");
        Assert.Contains(start.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.True(start.GetProperty("responses").TryGetProperty("409", out _));
    }
}
