using IdReissue.Infrastructure.Sandbox;
using System.Net;
using System.Text.Json;

namespace IdReissue.Web.Tests;

[Collection(SharedService.Name)]
public class JourneyTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task A_Hunan_loss_reissue_goes_from_log_in_to_delivered_with_a_new_photo()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.VerifyRealName();
        var started = await journey.Start("Loss");
        Assert.Equal("IdentityVerified", started.GetProperty("state").GetString());
        Assert.Matches(@"^\d{6}\*{8}[\dX]{4}$", started.GetProperty("maskedCitizenId").GetString());

        var eligibility = await journey.CheckEligibility();
        Assert.True(eligibility.GetProperty("eligible").GetBoolean());

        Assert.Equal("FaceVerified", (await journey.VerifyFace()).GetProperty("state").GetString());
        var loss = await journey.ReportLoss();
        Assert.Equal("LossReported", loss.GetProperty("state").GetString());
        var receipt = await Api.Send(HttpMethod.Get, $"/api/applications/{journey.ApplicationId}/loss-report/receipt", journey.Token);
        Assert.Contains("居民身份证挂失申报回执", await receipt.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var addressed = await journey.GiveAddress();
        Assert.True(addressed.GetProperty("postage").GetProperty("sameCity").GetBoolean());
        Assert.Equal(15, addressed.GetProperty("postage").GetProperty("amountYuan").GetDecimal());

        var order = await journey.CreatePayment("WeChatPay", Guid.NewGuid().ToString());
        Assert.Equal(40, order.GetProperty("amountYuan").GetDecimal());
        await journey.PayAtCashier(order);
        var paid = await journey.WaitFor("PhotoPending");
        var photoNumber = paid.GetProperty("photoNumber").GetString()!;
        Assert.Matches("^43\\d{16}$", photoNumber);

        // A studio submits by photo number: a non-compliant photo first, then a compliant one.
        var rejected = await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", ServiceFixture.DevSetPhoto("df__img25.jpg"))), HttpStatusCode.OK);
        Assert.False(rejected.GetProperty("accepted").GetBoolean());
        Assert.Contains(rejected.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "wrong_dimensions");
        var accepted = await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.OK);
        Assert.True(accepted.GetProperty("accepted").GetBoolean());
        Assert.Equal("UnderReview", accepted.GetProperty("state").GetString());

        var reviewer = await Api.LoginOfficer("hunan-review");
        var queue = await Api.Get("/api/officer/applications?state=UnderReview", reviewer);
        Assert.Contains(queue.EnumerateArray(), item => item.GetProperty("id").GetGuid() == journey.ApplicationId);
        await Api.Expect(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/approve", reviewer), HttpStatusCode.OK);

        var producer = await Api.LoginOfficer("hunan-production");
        var batch = await Api.Expect(await Api.Post("/api/officer/production-batches", producer, new { }, Guid.NewGuid().ToString()), HttpStatusCode.Created);
        Assert.Contains(batch.GetProperty("applicationNumbers").EnumerateArray(), n => n.GetString() == started.GetProperty("applicationNumber").GetString());
        var export = await Api.Send(HttpMethod.Get, $"/api/officer/production-batches/{batch.GetProperty("id").GetGuid()}/export", producer);
        var csv = await export.Content.ReadAsStringAsync();
        Assert.Contains(started.GetProperty("applicationNumber").GetString()!, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(journey.Field("citizenId"), csv, StringComparison.Ordinal);
        // Officers open the export too: Chinese headers and values, the codes beside them for the production centre's machines.
        Assert.StartsWith("批次号,申请编号,地区,地区代码,业务类型,业务代码,", csv, StringComparison.Ordinal);
        Assert.Contains(",湖南省,hunan,", csv, StringComparison.Ordinal);

        var dispatched = await Api.Expect(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/dispatch", producer), HttpStatusCode.OK);
        Assert.Matches("^11\\d{11}$", dispatched.GetProperty("trackingNumber").GetString());

        var delivered = await journey.WaitFor("Delivered");
        AssertTimeline(delivered,
            "Draft", "IdentityVerified", "EligibilityChecked", "FaceVerified", "LossReported", "AddressGiven", "Paid", "PhotoPending",
            "PhotoAccepted", "UnderReview", "Approved", "InProduction", "Dispatched", "Delivered");
        // Ten working days of the shipped calendar after the day the materials were complete (the photo accepted), in China.
        var due = DateOnly.Parse(delivered.GetProperty("dueDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var complete = delivered.GetProperty("timeline").EnumerateArray().First(t => t.GetProperty("state").GetString() == "PhotoAccepted").GetProperty("at").GetDateTimeOffset();
        var calendar = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IdReissue.Domain.Cards.WorkingDayCalendar>(service.Services);
        Assert.Equal(calendar.AddWorkingDays(DateOnly.FromDateTime(complete.ToOffset(TimeSpan.FromHours(8)).DateTime), 10), due);
    }

    [Fact]
    public async Task A_Jilin_damage_replacement_reuses_the_historic_photo_and_reaches_delivered()
    {
        var journey = await Journey.Begin(Api, "jilin");
        await journey.ToAddressGiven("Damage");
        var order = await journey.CreatePayment("Alipay");
        await journey.PayAtCashier(order);

        var underReview = await journey.WaitFor("UnderReview");
        Assert.Equal(JsonValueKind.Null, underReview.GetProperty("photoNumber").ValueKind);

        var reviewer = await Api.LoginOfficer("jilin-review");
        await Api.Expect(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/approve", reviewer), HttpStatusCode.OK);
        var producer = await Api.LoginOfficer("jilin-production");
        await Api.Expect(await Api.Post("/api/officer/production-batches", producer, new { }), HttpStatusCode.Created);
        await Api.Expect(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/dispatch", producer), HttpStatusCode.OK);

        var delivered = await journey.WaitFor("Delivered");
        AssertTimeline(delivered,
            "Draft", "IdentityVerified", "EligibilityChecked", "FaceVerified", "AddressGiven", "Paid", "PhotoAccepted", "UnderReview",
            "Approved", "InProduction", "Dispatched", "Delivered");
        Assert.NotEqual(JsonValueKind.Null, delivered.GetProperty("newCardValidity").ValueKind);
    }

    [Fact]
    public async Task Tianjin_needs_the_household_register_page_before_payment()
    {
        var journey = await Journey.Begin(Api, "tianjin");
        await journey.ToAddressGiven("Loss");

        await Api.ExpectProblem(await Api.Post($"/api/applications/{journey.ApplicationId}/payments", journey.Token,
            new { channel = "WeChatPay", acknowledgeNoCancellationNoRefund = true }), HttpStatusCode.Conflict, "document_missing");
        await Api.ExpectProblem(await Api.Post($"/api/applications/{journey.ApplicationId}/payments", journey.Token,
            new { channel = "UnionPay", acknowledgeNoCancellationNoRefund = true }), HttpStatusCode.UnprocessableEntity, "payment_channel_not_offered");

        await Api.Expect(await Api.Post($"/api/applications/{journey.ApplicationId}/documents/household-register-page", journey.Token,
            Api.Upload("file", SandboxHouseholdPage.Draw(), "hukou.jpg")), HttpStatusCode.Created);
        var order = await journey.CreatePayment("WeChatPay");
        await journey.PayAtCashier(order);
        await journey.WaitFor("UnderReview");
    }

    [Fact]
    public async Task An_ineligible_Tianjin_applicant_is_told_every_reason_and_sent_to_a_window()
    {
        var journey = await Journey.Begin(Api, "tianjin", "card-too-old");
        await journey.VerifyRealName();
        await journey.Start("Loss");

        var eligibility = await journey.CheckEligibility();

        Assert.False(eligibility.GetProperty("eligible").GetBoolean());
        Assert.True(eligibility.GetProperty("goToPoliceWindow").GetBoolean());
        var condition = Assert.Single(eligibility.GetProperty("unmetConditions").EnumerateArray());
        Assert.Equal("card_too_old", condition.GetProperty("code").GetString());
        Assert.Contains("2年", condition.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("Ineligible", eligibility.GetProperty("state").GetString());

        // The application is closed, so the resident may start again later (e.g. after visiting a window).
        await journey.Start("Loss");
    }

    [Fact]
    public async Task A_face_that_does_not_match_can_be_tried_again_and_changes_nothing()
    {
        var journey = await Journey.Begin(Api, "jilin", "face-mismatch");
        await journey.VerifyRealName();
        await journey.Start("Damage");
        await journey.CheckEligibility();

        // A real recording that performs the drawn challenge, of a person who is not the registry photo's.
        await Api.ExpectProblem(await journey.VerifyFaceWithSandboxClip(), HttpStatusCode.UnprocessableEntity, "face_not_matched");
        await Api.ExpectProblem(await journey.VerifyFaceWithCamera(_ => Task.FromResult(Enumerable.Repeat("not an image"u8.ToArray(), 20))),
            HttpStatusCode.UnprocessableEntity, "face_capture_unusable");
        Assert.Equal("EligibilityChecked", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_officer_can_ask_for_a_new_photo_and_the_applicant_sees_the_reason()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        await journey.PayAtCashier(await journey.CreatePayment("UnionPay"));
        var number = (await journey.WaitFor("PhotoPending")).GetProperty("photoNumber").GetString();
        await Api.Expect(await Api.Post($"/api/applications/{journey.ApplicationId}/photo", journey.Token, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.OK);

        var reviewer = await Api.LoginOfficer("hunan-review");
        await Api.ExpectProblem(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/request-new-photo", reviewer, new { reason = "" }),
            HttpStatusCode.UnprocessableEntity, "reason_required");
        await Api.Expect(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/request-new-photo", reviewer, new { reason = "照片背景有阴影，请重新拍摄" }), HttpStatusCode.OK);

        var progress = await journey.Progress();
        Assert.Equal("PhotoPending", progress.GetProperty("state").GetString());
        Assert.Equal("照片背景有阴影，请重新拍摄", progress.GetProperty("decisionReason").GetString());
        Assert.Equal(number, progress.GetProperty("photoNumber").GetString());
    }

    private static void AssertTimeline(JsonElement progress, params string[] states)
    {
        var timeline = progress.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(states, timeline.Select(t => t.GetProperty("state").GetString()));
        Assert.Equal(Enumerable.Range(1, states.Length), timeline.Select(t => t.GetProperty("sequence").GetInt32()));
        Assert.All(timeline, t => Assert.False(string.IsNullOrEmpty(t.GetProperty("by").GetString())));
    }
}
