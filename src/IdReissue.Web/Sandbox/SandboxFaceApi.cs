using System.Text;
using System.Text.Encodings.Web;
using IdReissue.Infrastructure.FaceVerification;
using IdReissue.Infrastructure.Sandbox;
using IdReissue.Web.Errors;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IdReissue.Web.Sandbox;

/// <summary>
/// The sandbox's stand-ins for 实人认证, for the walk-through and the tests only (never mapped outside the
/// sandbox): a real recording that performs a drawn camera challenge, and the simulated certified
/// provider's page where the tester chooses what the provider found.
/// </summary>
public static class SandboxFaceApi
{
    public static RouteGroupBuilder MapSandboxFaceApi(this RouteGroupBuilder group)
    {
        group.MapGet("/liveness-clip", LivenessClip).WithName("GetSandboxLivenessClip")
            .WithSummary("Sandbox: real webcam frames that perform the drawn camera challenge (for the \"camera-clip\" demo resident)");
        group.MapGet("/faceid/{token}", ProviderPage).WithName("ShowSandboxFaceIdPage").WithSummary("Sandbox: the simulated certified provider's 人脸核身 page");
        group.MapPost("/faceid/{token}", ProviderDecides).DisableAntiforgery().WithName("DecideAtSandboxFaceIdPage")
            .WithSummary("Sandbox: the tester chooses what the simulated provider found; back to the service's return page");
        return group;
    }

    public static async Task<Results<Ok<SandboxClipView>, ProblemHttpResult>> LivenessClip(
        string? token, IDataProtectionProvider protection, SandboxLivenessClips clips, CancellationToken cancellationToken)
    {
        CameraAttemptToken attempt;
        try
        {
            attempt = CameraAttemptToken.Open(protection, token);
        }
        catch (Domain.Common.DomainException e)
        {
            return Problems.Validation(e.Code, e.Message, "token");
        }

        if (await clips.ForAsync(attempt.Challenge, cancellationToken) is not { } clip)
        {
            return Problems.NotFound("sandbox_clip_unavailable", "沙箱没有能完成该组动作的示例视频（请先运行 scripts/fetch-liveness-clips.sh），请重新开始认证。");
        }

        return TypedResults.Ok(new SandboxClipView(attempt.FramesPerSecond, clip.Source,
            [.. clip.Frames.Select(f => "data:image/jpeg;base64," + Convert.ToBase64String(f))]));
    }

    public static Results<ContentHttpResult, ProblemHttpResult> ProviderPage(string token, SandboxFaceIdVerification provider)
    {
        if (provider.OpenPage(token) is null)
        {
            return Problems.NotFound("face_session_unknown", "未找到该人脸核身记录或已超时，请回到办理页面重新发起核身。");
        }

        var html = HtmlEncoder.Default;
        var page = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>沙箱人脸核身</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main class=\"page\"><h1>沙箱人脸核身（模拟腾讯云人脸核身）</h1>")
            .Append("<p>这是沙箱中模拟的持证人脸核身服务页面，仅供演示和测试；正式环境由认证服务商完成活体检测和人脸比对。请选择核身服务的结果：</p>")
            .Append("<form method=\"post\" action=\"/sandbox/faceid/").Append(html.Encode(token)).Append("\"><div class=\"actions\">")
            .Append("<button class=\"primary\" name=\"outcome\" value=\"").Append(SandboxFaceIdVerification.Passed).Append("\">模拟核身通过</button> ")
            .Append("<button class=\"secondary\" name=\"outcome\" value=\"").Append(SandboxFaceIdVerification.NotLive).Append("\">模拟活体检测未通过</button> ")
            .Append("<button class=\"secondary\" name=\"outcome\" value=\"").Append(SandboxFaceIdVerification.NotMatched).Append("\">模拟非本人</button>")
            .Append("</div></form></main></body></html>");
        return TypedResults.Content(page.ToString(), "text/html; charset=utf-8");
    }

    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> ProviderDecides(
        string token, HttpRequest request, SandboxFaceIdVerification provider, CancellationToken cancellationToken)
    {
        if (provider.OpenPage(token) is not { } session)
        {
            return Problems.NotFound("face_session_unknown", "未找到该人脸核身记录或已超时，请回到办理页面重新发起核身。");
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        return TypedResults.Redirect(provider.Decide(session, form?["outcome"].ToString() ?? string.Empty).AbsoluteUri);
    }
}

/// <summary>A sandbox recording: frames (JPEG data URLs) in capture order, their rate and where they come from.</summary>
public sealed record SandboxClipView(int FramesPerSecond, string Source, IReadOnlyList<string> Frames);
