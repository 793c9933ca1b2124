using System.Net;
using System.Text.Json;
using IdReissue.Domain.Gateways;

namespace IdReissue.Web.Tests;

/// <summary>A service whose sandbox courier stays silent for an hour, so each test sends the courier's events itself.</summary>
public sealed class QuietCourierService() : ServiceFixture(new Dictionary<string, string>
{
    ["Sandbox:CourierPickUpDelay"] = "01:00:00",
    ["Sandbox:CourierInTransitDelay"] = "01:00:00",
    ["Sandbox:CourierDeliveredDelay"] = "01:00:00",
});

/// <summary>The courier's pushed events: signed or refused, applied once, in any order; and the officer's own confirmation.</summary>
public sealed class CourierEventTests(QuietCourierService service) : IClassFixture<QuietCourierService>
{
    private Api Api => service.Api;

    [Fact]
    public async Task Unsigned_or_tampered_events_are_refused_and_change_nothing()
    {
        var (journey, tracking) = await DispatchedAsync();
        var body = Event(tracking, CourierEventKind.Delivered);

        await Api.ExpectProblem(await SendAsync(body, new Dictionary<string, string>()), HttpStatusCode.Unauthorized, "signature_missing");
        var headers = Sign(body);
        var tampered = body.Replace(tracking, tracking[..^1] + (tracking[^1] == '0' ? '1' : '0'), StringComparison.Ordinal);
        await Api.ExpectProblem(await SendAsync(tampered, headers), HttpStatusCode.Unauthorized, "invalid_signature");

        Assert.Equal("Dispatched", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_repeated_event_and_a_pick_up_arriving_after_delivery_change_nothing_more()
    {
        var (journey, tracking) = await DispatchedAsync();
        var delivered = Event(tracking, CourierEventKind.Delivered);

        await Api.Expect(await SendAsync(delivered, Sign(delivered)), HttpStatusCode.OK);
        await Api.Expect(await SendAsync(delivered, Sign(delivered)), HttpStatusCode.OK);
        var late = Event(tracking, CourierEventKind.PickedUp, DateTimeOffset.UtcNow.AddHours(-2));
        await Api.Expect(await SendAsync(late, Sign(late)), HttpStatusCode.OK);

        var progress = await journey.Progress();
        Assert.Equal("Delivered", progress.GetProperty("state").GetString());
        Assert.Single(progress.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("state").GetString() == "Delivered");
    }

    [Fact]
    public async Task An_event_for_a_waybill_no_application_holds_yet_is_not_acknowledged_and_counts_when_it_comes_again()
    {
        var (journey, tracking) = await DispatchedAsync();
        var delivered = Event(tracking, CourierEventKind.Delivered);

        // The courier reports faster than the dispatch commits: the same event, while no application holds the waybill.
        var early = delivered.Replace(tracking, "1" + tracking[1..^1] + (tracking[^1] == '9' ? '8' : '9'), StringComparison.Ordinal);
        await Api.ExpectProblem(await SendAsync(early, Sign(early)), HttpStatusCode.NotFound, "waybill_not_found");
        await Api.Expect(await SendAsync(delivered, Sign(delivered)), HttpStatusCode.OK);

        Assert.Equal("Delivered", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_officer_confirms_delivery_once_and_only_of_a_dispatched_card()
    {
        var (journey, _) = await DispatchedAsync();
        var producer = await Api.LoginOfficer("hunan-production");

        await Api.Expect(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/delivery", producer), HttpStatusCode.OK);
        await Api.ExpectProblem(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/delivery", producer), HttpStatusCode.Conflict, "step_out_of_order");

        var progress = await journey.Progress();
        Assert.Equal("Delivered", progress.GetProperty("state").GetString());
        Assert.Equal("公安机关", progress.GetProperty("timeline").EnumerateArray().Last().GetProperty("by").GetString());
    }

    private async Task<(Journey Journey, string Tracking)> DispatchedAsync()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        await journey.PayAtCashier(await journey.CreatePayment("WeChatPay"));
        var photoNumber = (await journey.WaitFor("PhotoPending")).GetProperty("photoNumber").GetString();
        await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.OK);
        await Api.Expect(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/approve", await Api.LoginOfficer("hunan-review")), HttpStatusCode.OK);
        var producer = await Api.LoginOfficer("hunan-production");
        await Api.Expect(await Api.Post("/api/officer/production-batches", producer, new { }, Guid.NewGuid().ToString()), HttpStatusCode.Created);
        var dispatched = await Api.Expect(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/dispatch", producer), HttpStatusCode.OK);
        return (journey, dispatched.GetProperty("trackingNumber").GetString()!);
    }

    private static string Event(string tracking, CourierEventKind kind, DateTimeOffset? at = null) =>
        JsonSerializer.Serialize(new CourierEvent(Guid.NewGuid().ToString(), tracking, kind, at ?? DateTimeOffset.UtcNow, "投递员：张师傅"), SandboxMessages.Wire);

    private Dictionary<string, string> Sign(string body) => SandboxMessages.Sign(service.SigningKey, body);

    private Task<HttpResponseMessage> SendAsync(string body, IDictionary<string, string> headers) =>
        SandboxMessages.PostAsync(Api, "/api/courier/events", body, headers);
}
