using System.Net;

namespace IdReissue.Web.Tests;

/// <summary>
/// 实人认证 and 人证比对 with the real face-recognition model against the sandbox registry's real photos:
/// demo residents' registry photo is face-pairs img15.jpg (person p03), a "face-mismatch" resident's is
/// img26.jpg (p07).
/// </summary>
public sealed class FaceVerificationTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private Api Api => service.Api;

    private static byte[] FacePair(string name) => ServiceFixture.SharedPhoto("face-pairs", name);

    private async Task<Journey> AtFaceStepAsync(string region = "hunan", string profile = "eligible")
    {
        var journey = await Journey.Begin(Api, region, profile);
        await journey.VerifyRealName();
        await journey.Start("Damage");
        await journey.CheckEligibility();
        return journey;
    }

    private Task<HttpResponseMessage> PostCapture(Journey journey, byte[] capture) =>
        Api.Post($"/api/applications/{journey.ApplicationId}/face-verification", journey.Token, Api.Upload("capture", capture));

    [Fact]
    public async Task Another_photo_of_the_registered_person_passes_face_verification()
    {
        var journey = await AtFaceStepAsync();

        var face = await Api.Expect(await PostCapture(journey, FacePair("img57.jpg")), HttpStatusCode.OK);

        Assert.Equal("FaceVerified", face.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("img27.jpg")]
    [InlineData("img29.jpg")]
    [InlineData("img1.jpg")]
    public async Task Another_persons_face_is_refused_and_changes_nothing(string otherPerson)
    {
        var journey = await AtFaceStepAsync();

        await Api.ExpectProblem(await PostCapture(journey, FacePair(otherPerson)), HttpStatusCode.UnprocessableEntity, "face_not_matched");

        Assert.Equal("EligibilityChecked", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_resident_whose_registry_photo_is_another_person_cannot_pass_with_the_demo_face()
    {
        var journey = await AtFaceStepAsync("jilin", "face-mismatch");

        await Api.ExpectProblem(await PostCapture(journey, Journey.GoodPhoto), HttpStatusCode.UnprocessableEntity, "face_not_matched");
        await Api.Expect(await PostCapture(journey, FacePair("img45.jpg")), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_capture_with_two_people_is_unusable_not_scored()
    {
        var journey = await AtFaceStepAsync();

        await Api.ExpectProblem(await PostCapture(journey, ServiceFixture.DevSetPhoto("df__couple.jpg")), HttpStatusCode.UnprocessableEntity, "face_capture_unusable");
    }

    [Fact]
    public async Task A_compliant_photo_of_another_person_is_refused_as_not_the_applicant()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        await journey.PayAtCashier(await journey.CreatePayment("Alipay"));
        var photoNumber = (await journey.WaitFor("PhotoPending")).GetProperty("photoNumber").GetString()!;

        // A compliant ID photo (it passes the portrait check on its own), but of person p07.
        var stranger = await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null,
            Api.Upload("photo", ServiceFixture.SharedPhoto("portrait-calibration-set", "df__img45__ok.jpg"))), HttpStatusCode.OK);
        Assert.False(stranger.GetProperty("accepted").GetBoolean());
        var reasons = stranger.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Equal(["not_the_applicant"], reasons);
        Assert.True(stranger.GetProperty("measures").GetProperty("registrySimilarity").GetDouble() < 0.28);
        Assert.Equal("PhotoPending", (await journey.Progress()).GetProperty("state").GetString());

        var own = await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.OK);
        Assert.True(own.GetProperty("accepted").GetBoolean());
        Assert.True(own.GetProperty("measures").GetProperty("registrySimilarity").GetDouble() >= 0.36);
        Assert.True(own.GetProperty("measures").GetProperty("captureSimilarity").GetDouble() >= 0.9);
    }

    [Fact]
    public async Task The_officer_sees_registry_photo_capture_and_photo_side_by_side_with_their_scores()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        await journey.PayAtCashier(await journey.CreatePayment("Alipay"));
        var photoNumber = (await journey.WaitFor("PhotoPending")).GetProperty("photoNumber").GetString()!;
        await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.OK);
        var reviewer = await Api.LoginOfficer("hunan-review");

        var page = await Api.Send(HttpMethod.Get, $"/officer/applications/{journey.ApplicationId}", reviewer);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        foreach (var face in new[] { "人口库照片", "实人认证人脸", "提交的证件照片" })
        {
            Assert.Matches($"<img src=\"data:image/jpeg;base64,[^\"]+\" alt=\"{face}\"", html);
        }

        foreach (var pair in new[] { "capture-registry", "photo-registry", "photo-capture" })
        {
            var score = System.Text.RegularExpressions.Regex.Match(html, $"data-score=\"{pair}\">([^<]+)<").Groups[1].Value;
            Assert.True(double.TryParse(score, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 0.36, $"{pair}: {score}");
        }
    }
}

/// <summary>A bureau's stricter limits: the demo face (similarity about 0.67 to its registry photo) falls in the band between.</summary>
public sealed class StrictFaceVerificationService() : ServiceFixture(new Dictionary<string, string>
{
    ["FaceVerification:SameAtLeast"] = "0.9",
    ["FaceVerification:DifferentBelow"] = "0.3",
});

public sealed class AppearanceChangedTests(StrictFaceVerificationService service) : IClassFixture<StrictFaceVerificationService>
{
    private Api Api => service.Api;

    [Fact]
    public async Task A_face_between_the_limits_refers_the_applicant_to_a_window()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.VerifyRealName();
        await journey.Start("Damage");
        await journey.CheckEligibility();

        var face = await journey.VerifyFace();

        Assert.Equal("ReferredToWindow", face.GetProperty("state").GetString());
        Assert.Contains("窗口", face.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}

/// <summary>Liveness required, as production should run it: only camera frames that show a head turn or a blink are compared.</summary>
public sealed class LivenessRequiredService() : ServiceFixture(new Dictionary<string, string>
{
    ["FaceVerification:RequireLiveness"] = "true",
});

public sealed class LivenessTests(LivenessRequiredService service) : IClassFixture<LivenessRequiredService>
{

    private Api Api => service.Api;

    private static MultipartFormDataContent Frames(IEnumerable<byte[]> frames)
    {
        var form = new MultipartFormDataContent();
        var i = 0;
        foreach (var frame in frames)
        {
            var file = new ByteArrayContent(frame);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "frames", $"frame{i++}.jpg");
        }

        return form;
    }

    private async Task<Journey> AtFaceStepAsync()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.VerifyRealName();
        await journey.Start("Damage");
        await journey.CheckEligibility();
        return journey;
    }

    [Fact]
    public async Task A_still_photo_sent_as_camera_frames_is_refused_and_changes_nothing()
    {
        var journey = await AtFaceStepAsync();

        await Api.ExpectProblem(await Api.Post($"/api/applications/{journey.ApplicationId}/face-verification", journey.Token,
            Frames(Enumerable.Repeat(Journey.GoodPhoto, 5))), HttpStatusCode.UnprocessableEntity, "liveness_not_proven");

        Assert.Equal("EligibilityChecked", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_single_capture_is_refused_when_liveness_is_required()
    {
        var journey = await AtFaceStepAsync();

        await Api.ExpectProblem(await Api.Post($"/api/applications/{journey.ApplicationId}/face-verification", journey.Token,
            Api.Upload("capture", Journey.GoodPhoto)), HttpStatusCode.UnprocessableEntity, "liveness_required");
    }

    [Fact]
    public async Task A_clip_of_the_registered_persons_real_photos_in_turned_poses_passes()
    {
        var journey = await AtFaceStepAsync();
        var frames = CameraClip.Of(CameraClip.RegisteredPersonTurning);

        var face = await Api.Expect(await Api.Post($"/api/applications/{journey.ApplicationId}/face-verification", journey.Token, Frames(frames)), HttpStatusCode.OK);

        Assert.Equal("FaceVerified", face.GetProperty("state").GetString());
    }
}
