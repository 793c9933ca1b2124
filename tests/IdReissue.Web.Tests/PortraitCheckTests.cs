using System.Net;

namespace IdReissue.Web.Tests;

/// <summary>POST /api/portrait/checks answers as one line of `portrait.sh check --json` does.</summary>
[Collection(SharedService.Name)]
public class PortraitCheckTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task A_compliant_photo_passes_and_a_small_head_fails_with_its_reason()
    {
        var pass = await Api.Expect(await Api.Post("/api/portrait/checks", null, Api.Upload("photo", Journey.GoodPhoto, "ok.jpg")), HttpStatusCode.OK);
        var fail = await Api.Expect(await Api.Post("/api/portrait/checks", null, Api.Upload("photo", ServiceFixture.DevSetPhoto("df__img13__small.jpg"), "small.jpg")), HttpStatusCode.OK);

        Assert.Equal("pass", pass.GetProperty("verdict").GetString());
        Assert.Equal("ok.jpg", pass.GetProperty("file").GetString());
        Assert.Equal(0, pass.GetProperty("reasons").GetArrayLength());
        Assert.True(pass.GetProperty("measures").GetProperty("headWidthPx").GetDouble() > 190);
        Assert.Equal("fail", fail.GetProperty("verdict").GetString());
        var reason = fail.GetProperty("reasons").EnumerateArray().First(r => r.GetProperty("code").GetString() == "head_too_small");
        // The specification's calibrated range (docs/portrait.md), not a number of this test's own.
        var spec = IdReissue.Portrait.Specifications.SpecificationCatalog.Load(IdReissue.Portrait.ModelLocation.SpecificationDirectory).Find("cn-id-card")!;
        Assert.Equal(spec.FaceWidthPx.ToString(), reason.GetProperty("limit").GetString());
        Assert.Contains("头部宽度偏小", reason.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_file_is_an_error_verdict_and_an_unknown_spec_a_problem()
    {
        var broken = await Api.Expect(await Api.Post("/api/portrait/checks", null, Api.Upload("photo", ServiceFixture.DevSetPhoto("broken.jpg"))), HttpStatusCode.OK);
        Assert.Equal("error", broken.GetProperty("verdict").GetString());

        var form = Api.Upload("photo", Journey.GoodPhoto);
        form.Add(new StringContent("passport-xx"), "spec");
        await Api.ExpectProblem(await Api.Post("/api/portrait/checks", null, form), HttpStatusCode.UnprocessableEntity, "unknown_specification");
    }

    [Fact]
    public async Task A_face_capture_without_a_face_is_refused_by_the_real_detector()
    {
        var journey = await Journey.Begin(Api, "jilin");
        await journey.VerifyRealName();
        await journey.Start("Damage");
        await journey.CheckEligibility();

        var noFace = ServiceFixture.DevSetPhoto("df__img13__noface.jpg");
        var problem = await Api.ExpectProblem(await journey.VerifyFaceWithCamera(_ => Task.FromResult(Enumerable.Repeat(noFace, 30))),
            HttpStatusCode.UnprocessableEntity, "liveness_not_proven");
        Assert.Contains("face_lost", problem.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

        var couple = IdReissue.Tests.Liveness.LivenessFrames.Still(IdReissue.Tests.Liveness.LivenessFrames.Fitted(ServiceFixture.DevSetPhoto("df__couple.jpg")), 30);
        problem = await Api.ExpectProblem(await journey.VerifyFaceWithCamera(_ => Task.FromResult<IEnumerable<byte[]>>(couple)),
            HttpStatusCode.UnprocessableEntity, "liveness_not_proven");
        Assert.Contains("several_people", problem.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }
}
