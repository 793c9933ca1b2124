using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Errors;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Applications.Pages;

/// <summary>
/// 实人认证 in the portal: liveness the server controls. "Begin" (a POST: drawing a challenge uses up an
/// attempt) draws the actions for the camera, which js/face.js prompts one at a time while it records frames,
/// then posts them to "Complete" with the attempt's token; or it opens a certified provider's page, which
/// returns to this page with ?attempt=… for the applicant (or the script) to complete. A single photo never
/// passes, so the page offers no file upload.
/// </summary>
[Capacity.CpuWork(Capacity.WorkKind.FaceVerification, Handler = "Complete")]
public sealed class FaceModel(IApplicationStore applications, RegionCatalog regions, FaceVerificationStep step, TimeProvider time)
    : ApplicantPage(applications, regions)
{
    private const int MostTokenLength = 4096;

    /// <summary>A certified provider (人脸核身服务) is configured: offered beside the camera.</summary>
    public bool ProviderAvailable => step.ProviderAvailable;

    /// <summary>Sandbox only: sample recordings that answer the drawn challenge (the "camera-clip" demo resident).</summary>
    public bool SandboxClipsAvailable => step.SandboxClipsAvailable;

    /// <summary>Back from the provider's page: the token to complete (completing is a POST, never this GET).</summary>
    public string? ProviderToken { get; private set; }

    /// <summary>A provider attempt was just begun: where to send the browser (the script follows it at once).</summary>
    public Uri? ProviderUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? attempt, CancellationToken cancellationToken)
    {
        var redirect = await LoadForStepAsync("face", cancellationToken);
        Step("face", "/apply");
        ProviderToken = string.IsNullOrWhiteSpace(attempt) || attempt.Length > MostTokenLength ? null : attempt;
        return redirect ?? Page();
    }

    /// <summary>
    /// Begins an attempt. The camera's is asked for by the script (Accept: application/json) once the camera
    /// shows, and answered with the actions as JSON; the provider's is a plain form, answered with this page
    /// pointing at the provider (a link the script follows: a form's redirect to another site would break the
    /// CSP's form-action).
    /// </summary>
    public async Task<IActionResult> OnPostBeginAsync(string? channel, CancellationToken cancellationToken)
    {
        var json = WantsJson;
        var redirect = await LoadForStepAsync("face", cancellationToken);
        Step("face", "/apply");
        if (redirect is LocalRedirectResult moved)
        {
            return json ? Refused(StatusCodes.Status409Conflict, "step_moved", "申请已不在实人认证这一步，正在为您打开当前步骤。", moved.Url) : redirect;
        }

        var camera = !string.Equals(channel?.Trim(), FaceVerificationStep.ProviderChannel, StringComparison.OrdinalIgnoreCase);
        if (camera && !json)
        {
            // Without the script there is nothing to record with: say so rather than use up an attempt.
            ModelState.AddModelError("Input.Capture", "使用摄像头认证需要浏览器开启 JavaScript 并允许使用摄像头。" + Elsewhere);
            return Page();
        }

        if (!json)
        {
            return await AttemptAsync(async () =>
            {
                var begun = await step.BeginAsync(Id, User, FaceVerificationStep.ProviderChannel, cancellationToken);
                ProviderUrl = begun.VerificationUrl;
                return Page();
            });
        }

        try
        {
            var attempt = await step.BeginAsync(Id, User, camera ? FaceVerificationStep.CameraChannel : FaceVerificationStep.ProviderChannel, cancellationToken);
            return new JsonResult(new
            {
                attempt.Token,
                attempt.Channel,
                attempt.Actions,
                attempt.FramesPerSecond,
                attempt.MinFrames,
                attempt.MaxFrames,
                attempt.VerificationUrl,
                // The time left by the server's clock, so a phone whose clock is off still stops in time.
                MillisecondsLeft = Math.Max(0, (long)(attempt.ExpiresAt - time.GetUtcNow()).TotalMilliseconds),
            });
        }
        catch (DomainException broken) when (broken.Kind is not DomainErrorKind.Forbidden)
        {
            DomainErrorStatus.Apply(Response, broken);
            return Refused(Response.StatusCode, broken.Code, broken.Message, null);
        }
    }

    /// <summary>Completes an attempt with the frames the camera recorded (in capture order), or with none after the provider's page.</summary>
    public async Task<IActionResult> OnPostCompleteAsync(string? token, CancellationToken cancellationToken)
    {
        var redirect = await LoadForStepAsync("face", cancellationToken);
        Step("face", "/apply");
        if (redirect is not null)
        {
            return redirect;
        }

        var frames = Request.HasFormContentType ? (await Request.ReadFormAsync(cancellationToken)).Files.GetFiles("frames") : [];
        return await AttemptAsync(async () =>
        {
            await step.CompleteAsync(Id, User, token, frames, cancellationToken);
            return Application.State == ApplicationState.ReferredToWindow ? LocalRedirect($"/apply/{Id}") : Continue();
        });
    }

    /// <summary>Where else 实人认证 can be done, said wherever the camera cannot be used.</summary>
    public string Elsewhere => ProviderAvailable
        ? "也可以点击“使用人脸核身服务”完成认证，或本人到公安机关户政窗口办理。"
        : "无法使用摄像头时，请本人到户籍所在地公安机关户政窗口办理。";

    protected override string? FieldFor(string code) => "capture";

    private bool WantsJson => Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    private static JsonResult Refused(int status, string code, string message, string? location) =>
        new(new { code, message, location }) { StatusCode = status };
}
