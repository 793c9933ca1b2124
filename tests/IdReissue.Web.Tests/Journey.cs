using System.Net;
using System.Text.Json;

namespace IdReissue.Web.Tests;

/// <summary>One applicant walking the workflow through the API, step by step.</summary>
public sealed class Journey(Api api, JsonElement resident, string token)
{
    public static readonly byte[] GoodPhoto = ServiceFixture.DevSetPhoto("df__img13__ok.jpg");

    public Api Api { get; } = api;

    public JsonElement Resident { get; } = resident;

    public string Token { get; } = token;

    public Guid ApplicationId { get; private set; }

    public string Region => Resident.GetProperty("region").GetString()!;

    public string Field(string name) => Resident.GetProperty(name).GetString()!;

    public static async Task<Journey> Begin(Api api, string region, string profile = "eligible")
    {
        var resident = await api.NewResident(region, profile);
        var token = await api.LoginApplicant(resident.GetProperty("phone").GetString()!);
        return new Journey(api, resident, token);
    }

    public async Task VerifyRealName() =>
        await Api.Expect(await Api.Post("/api/me/real-name", Token, new { name = Field("name"), citizenId = Field("citizenId") }), HttpStatusCode.OK);

    public async Task<JsonElement> Start(string reissueCase, string? key = null)
    {
        var application = await Api.Expect(
            await Api.Post("/api/applications", Token, new { region = Region, @case = reissueCase, householdNumber = Field("householdNumber") }, key),
            HttpStatusCode.Created);
        ApplicationId = application.GetProperty("id").GetGuid();
        return application;
    }

    public async Task<JsonElement> CheckEligibility() =>
        await Api.Expect(await Api.Post($"/api/applications/{ApplicationId}/eligibility", Token), HttpStatusCode.OK);

    public async Task<JsonElement> ReportLoss() =>
        await Api.Expect(await Api.Post($"/api/applications/{ApplicationId}/loss-report", Token,
            new { place = "长沙市芙蓉区五一广场", lostAt = DateTimeOffset.UtcNow.AddDays(-2), receiptWanted = true }), HttpStatusCode.OK);

    /// <summary>
    /// 实人认证 through the sandbox's simulated certified provider (the tester's "passed"): the demo person has
    /// photos but no recording, so journeys of later steps go the provider's way; the camera's own judgement is
    /// proven with real recordings in FaceVerificationTests.
    /// </summary>
    public async Task<JsonElement> VerifyFace()
    {
        var attempt = await RealPerson.Begin(Api, Token, ApplicationId, "provider");
        var bizToken = await RealPerson.AtSandboxProvider(Api, attempt);
        return await Api.Expect(await RealPerson.Answer(Api, Token, ApplicationId, bizToken, []), HttpStatusCode.OK);
    }

    /// <summary>实人认证 with the camera, answered with the sandbox's real recording of the drawn challenge (its person is the "camera-clip" profile's registry photo).</summary>
    public Task<HttpResponseMessage> VerifyFaceWithSandboxClip() =>
        VerifyFaceWithCamera(async attempt => await RealPerson.SandboxClip(Api, attempt));

    /// <summary>实人认证 with the camera: the drawn challenge answered with these frames.</summary>
    public async Task<HttpResponseMessage> VerifyFaceWithCamera(Func<JsonElement, Task<IEnumerable<byte[]>>> frames)
    {
        var attempt = await RealPerson.Begin(Api, Token, ApplicationId);
        return await RealPerson.Answer(Api, Token, ApplicationId, attempt.GetProperty("token").GetString(), await frames(attempt));
    }

    public async Task<JsonElement> GiveAddress(string? divisionCode = null) =>
        await Api.Expect(await Api.Send(HttpMethod.Put, $"/api/applications/{ApplicationId}/address", Token,
            new { recipient = Field("name"), phone = Field("phone"), divisionCode = divisionCode ?? Field("householdDivisionCode"), detail = "人民路88号2栋301室" }), HttpStatusCode.OK);

    public async Task<JsonElement> CreatePayment(string channel, string? key = null) =>
        await Api.Expect(await Api.Post($"/api/applications/{ApplicationId}/payments", Token,
            new { channel, acknowledgeNoCancellationNoRefund = true }, key), HttpStatusCode.Created);

    public async Task PayAtCashier(JsonElement order, string outcome = "success") =>
        await Api.Expect(await Api.Http.PostAsync(new Uri(order.GetProperty("cashierUrl").GetString()! + "/pay"),
            new FormUrlEncodedContent([new("outcome", outcome)])), HttpStatusCode.OK);

    public Task<JsonElement> Progress() => Api.Get($"/api/applications/{ApplicationId}/progress", Token);

    public Task<JsonElement> WaitFor(string state) => Api.WaitForState(ApplicationId, Token, state);

    /// <summary>Walks up to and including the address step for the resident's region and case.</summary>
    public async Task ToAddressGiven(string reissueCase)
    {
        await VerifyRealName();
        await Start(reissueCase);
        Assert.True((await CheckEligibility()).GetProperty("eligible").GetBoolean());
        await VerifyFace();
        if (reissueCase == "Loss")
        {
            await ReportLoss();
        }

        await GiveAddress();
    }

    /// <summary>A damage-case application of <paramref name="region"/> paid and, with a new photo where one is asked for, before an officer.</summary>
    public static async Task<Journey> UnderReview(Api api, string region)
    {
        ArgumentNullException.ThrowIfNull(api);
        var journey = await Begin(api, region);
        await journey.ToAddressGiven("Damage");
        await journey.PayAtCashier(await journey.CreatePayment("WeChatPay"));

        // Paid: a new photo is asked for, or a recent historic one goes straight to review.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var progress = await journey.Progress();
        while (progress.GetProperty("state").GetString() is not ("PhotoPending" or "UnderReview") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            progress = await journey.Progress();
        }

        if (progress.GetProperty("state").GetString() == "PhotoPending")
        {
            await global::IdReissue.Web.Tests.Api.Expect(
                await api.Post($"/api/photos/{progress.GetProperty("photoNumber").GetString()}", null, global::IdReissue.Web.Tests.Api.Upload("photo", GoodPhoto)), HttpStatusCode.OK);
        }

        await journey.WaitFor("UnderReview");
        return journey;
    }
}
