using System.Net;
using System.Text;

namespace IdReissue.Web.Tests;

/// <summary>Every bad input gets its own error code and a Chinese message, and nothing is half-written.</summary>
[Collection(SharedService.Name)]
public class BadInputTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Theory]
    [InlineData("wrong-check", "id_number_wrong_check_digit")]
    [InlineData("unknown-region", "id_number_unknown_region")]
    [InlineData("future-birth", "id_number_future_birth_date")]
    [InlineData("short", "id_number_wrong_length")]
    public async Task A_bad_citizen_id_number_is_refused_with_the_part_that_is_wrong(string defect, string code)
    {
        var journey = await Journey.Begin(Api, "hunan");
        var id = journey.Field("citizenId");
        var bad = defect switch
        {
            "wrong-check" => id[..17] + (id[17] == '1' ? '2' : '1'),
            "unknown-region" => WithCheck("999999" + id[6..17]),
            "future-birth" => WithCheck(id[..6] + DateTime.UtcNow.AddYears(1).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "001"),
            _ => id[..10],
        };

        var problem = await Api.ExpectProblem(await Api.Post("/api/me/real-name", journey.Token, new { name = journey.Field("name"), citizenId = bad }),
            HttpStatusCode.UnprocessableEntity, code);

        Assert.Equal("citizenId", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_household_number_that_does_not_match_the_registry_writes_no_application()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.VerifyRealName();

        await Api.ExpectProblem(await Api.Post("/api/applications", journey.Token, new { region = "hunan", @case = "Loss", householdNumber = "100000001" }),
            HttpStatusCode.UnprocessableEntity, "household_number_mismatch");
        await Api.ExpectProblem(await Api.Post("/api/applications", journey.Token, new { region = "hunan", @case = "Loss", householdNumber = "12ab" }),
            HttpStatusCode.UnprocessableEntity, "household_number_invalid");
        await Api.ExpectProblem(await Api.Post("/api/applications", journey.Token, new { region = "shanghai", @case = "Loss", householdNumber = journey.Field("householdNumber") }),
            HttpStatusCode.UnprocessableEntity, "unknown_region");

        Assert.Empty((await Api.Get("/api/applications", journey.Token)).EnumerateArray());
    }

    [Fact]
    public async Task Applying_for_somebody_else_is_refused()
    {
        var journey = await Journey.Begin(Api, "hunan");
        var other = await Api.NewResident("hunan");
        await journey.VerifyRealName();

        await Api.ExpectProblem(await Api.Post("/api/applications", journey.Token,
            new { region = "hunan", @case = "Loss", householdNumber = other.GetProperty("householdNumber").GetString(), name = other.GetProperty("name").GetString(), citizenId = other.GetProperty("citizenId").GetString() }),
            HttpStatusCode.Forbidden, "not_account_holder");
    }

    [Fact]
    public async Task Steps_taken_out_of_order_are_refused_and_change_nothing()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.VerifyRealName();
        await journey.Start("Loss");
        var id = journey.ApplicationId;

        await Api.ExpectProblem(await Api.Send(HttpMethod.Put, $"/api/applications/{id}/address", journey.Token,
            new { recipient = "王伟", phone = "13900000000", divisionCode = "430102", detail = "人民路1号" }), HttpStatusCode.Conflict, "step_out_of_order");
        await Api.ExpectProblem(await Api.Post($"/api/applications/{id}/payments", journey.Token, new { channel = "WeChatPay", acknowledgeNoCancellationNoRefund = true }),
            HttpStatusCode.Conflict, "step_out_of_order");
        await Api.ExpectProblem(await Api.Post($"/api/applications/{id}/loss-report", journey.Token, new { place = "长沙", lostAt = DateTimeOffset.UtcNow }),
            HttpStatusCode.Conflict, "step_out_of_order");

        await journey.CheckEligibility();
        await Api.ExpectProblem(await Api.Post($"/api/applications/{id}/loss-report", journey.Token, new { place = "长沙", lostAt = DateTimeOffset.UtcNow }),
            HttpStatusCode.Conflict, "step_out_of_order");
        await journey.VerifyFace();
        await Api.ExpectProblem(await Api.Post($"/api/applications/{id}/face-verification/attempts", journey.Token, new { channel = "camera" }),
            HttpStatusCode.Conflict, "step_out_of_order");
        await Api.ExpectProblem(await Api.Send(HttpMethod.Put, $"/api/applications/{id}/address", journey.Token,
            new { recipient = "王伟", phone = "13900000000", divisionCode = "430102", detail = "人民路1号" }), HttpStatusCode.Conflict, "step_out_of_order");
        await Api.ExpectProblem(await Api.Post($"/api/applications/{id}/loss-report", journey.Token, new { place = "长沙", lostAt = DateTimeOffset.UtcNow.AddDays(3) }),
            HttpStatusCode.UnprocessableEntity, "loss_time_in_future");
        await Api.ExpectProblem(await Api.Post($"/api/applications/{id}/loss-report", journey.Token, new { place = "", lostAt = DateTimeOffset.UtcNow }),
            HttpStatusCode.UnprocessableEntity, "loss_place_invalid");

        var progress = await journey.Progress();
        Assert.Equal("FaceVerified", progress.GetProperty("state").GetString());
        Assert.Equal(4, progress.GetProperty("timeline").GetArrayLength());
    }

    [Fact]
    public async Task A_second_application_while_one_is_open_is_refused()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.VerifyRealName();
        await journey.Start("Loss");

        await Api.ExpectProblem(await Api.Post("/api/applications", journey.Token, new { region = "hunan", @case = "Damage", householdNumber = journey.Field("householdNumber") }),
            HttpStatusCode.Conflict, "application_already_open");

        await Api.Expect(await Api.Post($"/api/applications/{journey.ApplicationId}/cancel", journey.Token), HttpStatusCode.OK);
        await journey.Start("Damage");
    }

    [Fact]
    public async Task Concurrent_starts_open_exactly_one_application()
    {
        var journey = await Journey.Begin(Api, "jilin");
        await journey.VerifyRealName();
        var body = new { region = "jilin", @case = "Damage", householdNumber = journey.Field("householdNumber") };

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Api.Post("/api/applications", journey.Token, body)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Single((await Api.Get("/api/applications", journey.Token)).EnumerateArray());
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_first_response_and_creates_nothing()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.VerifyRealName();
        var key = Guid.NewGuid().ToString();

        var first = await journey.Start("Loss", key);
        var retry = await Api.Post("/api/applications", journey.Token, new { region = "hunan", @case = "Loss", householdNumber = journey.Field("householdNumber") }, key);
        var replayed = await Api.Expect(retry, HttpStatusCode.Created);
        var reused = await Api.Post("/api/applications", journey.Token, new { region = "hunan", @case = "Damage", householdNumber = journey.Field("householdNumber") }, key);

        Assert.Equal(first.GetProperty("id").GetGuid(), replayed.GetProperty("id").GetGuid());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        await Api.ExpectProblem(reused, HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Single((await Api.Get("/api/applications", journey.Token)).EnumerateArray());
    }

    [Fact]
    public async Task Malformed_json_is_a_problem_with_a_code()
    {
        var journey = await Journey.Begin(Api, "hunan");

        var response = await Api.Post("/api/applications", journey.Token, new StringContent("{\"region\": ", Encoding.UTF8, "application/json"));

        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Sms_codes_are_checked_limited_and_single_use()
    {
        var resident = await Api.NewResident("jilin");
        var phone = resident.GetProperty("phone").GetString()!;
        await Api.Expect(await Api.Http.PostAsync("/api/auth/sms-codes", Json(new { phone })), HttpStatusCode.Accepted);

        var tooSoon = await Api.Http.PostAsync("/api/auth/sms-codes", Json(new { phone }));
        await Api.ExpectProblem(tooSoon, HttpStatusCode.TooManyRequests, "sms_too_frequent");
        Assert.True(tooSoon.Headers.RetryAfter is not null);

        await Api.ExpectProblem(await Api.Http.PostAsync("/api/auth/applicant-sessions", Json(new { phone, code = "000000x" })),
            HttpStatusCode.UnprocessableEntity, "sms_code_invalid");
        await Api.ExpectProblem(await Api.Http.PostAsync("/api/auth/sms-codes", Json(new { phone = "1234" })), HttpStatusCode.UnprocessableEntity, "invalid_phone");
    }

    [Fact]
    public async Task Photo_numbers_and_photo_files_are_checked()
    {
        await Api.ExpectProblem(await Api.Post("/api/photos/123", null, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.UnprocessableEntity, "photo_number_invalid");
        await Api.ExpectProblem(await Api.Post($"/api/photos/{Domain.Applications.PhotoNumber.New("43", new DateOnly(2020, 1, 1))}", null, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.NotFound, "photo_number_not_found");

        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        await journey.PayAtCashier(await journey.CreatePayment("WeChatPay"));
        var number = (await journey.WaitFor("PhotoPending")).GetProperty("photoNumber").GetString();

        var broken = await Api.Expect(await Api.Post($"/api/photos/{number}", null, Api.Upload("photo", ServiceFixture.DevSetPhoto("broken.jpg"))), HttpStatusCode.OK);
        Assert.Equal("error", broken.GetProperty("verdict").GetString());
        Assert.Equal("unreadable_image", broken.GetProperty("reasons")[0].GetProperty("code").GetString());
        await Api.ExpectProblem(await Api.Post($"/api/photos/{number}", null, Api.Upload("image", Journey.GoodPhoto)), HttpStatusCode.UnprocessableEntity, "file_required");
        Assert.Equal("PhotoPending", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_region_that_offers_only_loss_reissue_refuses_damage_replacement()
    {
        var journey = await Journey.Begin(Api, "tianjin");
        await journey.VerifyRealName();
        await journey.Start("Damage");

        var eligibility = await journey.CheckEligibility();

        Assert.Equal("case_not_offered", Assert.Single(eligibility.GetProperty("unmetConditions").EnumerateArray()).GetProperty("code").GetString());
    }

    private static StringContent Json(object value) => new(System.Text.Json.JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static string WithCheck(string first17) => first17 + Domain.Identity.CitizenIdNumber.CheckCharacterFor(first17);
}
