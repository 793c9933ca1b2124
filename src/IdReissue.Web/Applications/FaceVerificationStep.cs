using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Application.Abuse;
using System.Security.Claims;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Identity;
using IdReissue.Infrastructure.FaceVerification;
using IdReissue.Infrastructure.Regions;
using IdReissue.Infrastructure.Sandbox;
using Microsoft.Extensions.Options;
using IdReissue.Portrait.Liveness;
using IdReissue.Web.Abuse;
using IdReissue.Application.Accounts;
using IdReissue.Application.Applications;
using IdReissue.Web.Auth;
using IdReissue.Web.Errors;

namespace IdReissue.Web.Applications;

/// <summary>
/// 实人认证 of an application, for the API and the portal alike: begin an attempt (the server draws the
/// challenge, or opens a certified provider's page) and complete it once with what the camera recorded or
/// the provider decided. Attempts are counted per citizen ID number and per client network, so neither a
/// second account nor cancelling and starting again gives more tries. A single photo never passes.
/// </summary>
public sealed class FaceVerificationStep(
    IFileStore files, IApplicationStore applications, IApplicantAccountStore accounts, IBlindIndexes indexes, IUnitOfWork unitOfWork, RegionCatalog regions,
    RealPersonChannels channels, IAbuseLimiter limiter, AbuseLimitOptions limits,
    IOptions<FaceVerificationOptions> faceOptions, IHttpContextAccessor http, TimeProvider time, IServiceProvider services)
{
    public const string CameraChannel = "camera";
    public const string ProviderChannel = "provider";

    public bool ProviderAvailable => channels.Provider is not null;

    public bool SandboxClipsAvailable => services.GetService<SandboxLivenessClips>()?.Available == true;

    public async Task<FaceAttemptView> BeginAsync(Guid applicationId, ClaimsPrincipal user, string? channel, CancellationToken cancellationToken)
    {
        var application = await applications.LoadOwnAsync(applicationId, user, cancellationToken);
        application.RequireFaceVerificationAllowed();
        var verification = (channel ?? CameraChannel).Trim().ToLowerInvariant() switch
        {
            CameraChannel => (IRealPersonVerification)channels.Camera,
            ProviderChannel => channels.Provider
                ?? throw new DomainException("face_channel_unavailable", "本地区暂未开通人脸核身服务，请使用摄像头完成实人认证。", DomainErrorKind.Conflict),
            _ => throw new DomainException("face_channel_invalid", "认证方式应为 camera（摄像头）或 provider（人脸核身服务）。"),
        };

        var context = http.HttpContext ?? throw new InvalidOperationException("No request.");
        await limiter.LimitAsync($"face-client:{ClientNetworks.KeyOf(context)}", limits.FaceVerificationsPerClientPerDay, TimeSpan.FromDays(1),
            "face_attempts_exhausted", "今日实人认证次数已用完，请{0}后再试，或本人到公安机关窗口办理。", cancellationToken);
        await limiter.LimitAsync($"face-citizen:{indexes.OfCitizenId(application.CitizenId)}", limits.FaceVerificationsPerCitizenPerDay,
            TimeSpan.FromDays(1), "face_attempts_exhausted", "该身份今日实人认证次数已用完，请{0}后再试，或本人到公安机关窗口办理。", cancellationToken);

        var returnUrl = new Uri($"{context.Request.Scheme}://{context.Request.Host}/apply/{application.Id}/face/provider-return");
        var attempt = await verification.BeginAsync(new RealPersonRequest(application.CitizenId, application.Name, Reference(application), returnUrl), cancellationToken);
        return new FaceAttemptView(
            attempt.Token, verification == channels.Camera ? CameraChannel : ProviderChannel, attempt.ExpiresAt,
            [.. attempt.Challenge.Select(a => new ChallengeActionView(RealPersonReport.Code(a), RealPersonReport.Prompt(a)))],
            attempt.FramesPerSecond, attempt.Challenge.Count == 0 ? 0 : LivenessLimits.MinFrames(attempt.FramesPerSecond), attempt.Challenge.Count == 0 ? 0 : LivenessLimits.MaxFrames,
            attempt.VerificationUrl);
    }

    public async Task<FaceVerificationView> CompleteAsync(
        Guid applicationId, ClaimsPrincipal user, string? token, IReadOnlyList<IFormFile> frames, CancellationToken cancellationToken)
    {
        var application = await applications.LoadOwnAsync(applicationId, user, cancellationToken);
        application.RequireFaceVerificationAllowed();
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new DomainException("challenge_required", "请先开始实人认证，按提示完成动作后再提交。");
        }

        // Frames only ever answer the camera: a token that is not one of its own is refused there, not sent to a provider.
        var camera = channels.Camera.Issued(token) || frames.Count > 0 || channels.Provider is null;
        var verification = camera ? channels.Camera : channels.Provider ?? throw CameraAttemptToken.Invalid();
        var images = new List<byte[]>(frames.Count);
        foreach (var frame in frames.Take(LivenessLimits.MaxFrames + 1))
        {
            images.Add(await Uploads.ReadAsync(frame, cancellationToken));
        }

        // Room for what a pass keeps (the best frame and one per action) before anything is judged: a pass that
        // could then not be stored would burn the attempt for nothing.
        var keptAtMost = images.Count == 0 ? 0 : images.Max(i => (long)i.Length) * (RandomLivenessChallenges.MostActions + 1);
        await files.RequireQuotaAsync(application.Id, keptAtMost, limits.StoredBytesPerApplication, replacing: null, cancellationToken);

        var result = await verification.CompleteAsync(new RealPersonCompletion(application.CitizenId, Reference(application), token, images), cancellationToken);
        if (result.Liveness == LivenessVerdict.NotLive)
        {
            throw new LivenessNotProvenException(result.Problem ?? "未能确认是本人实时操作，请按提示重新完成动作。", result.Reasons);
        }

        var now = time.GetUtcNow();
        switch (result.Outcome)
        {
            case FaceVerificationOutcome.Match:
                await RequireIdentityFreeAsync(application, now, cancellationToken);
                application.RecordFaceVerified(now, Actor.Gateway(result.Channel));
                Keep(application, result, images, now);
                break;
            case FaceVerificationOutcome.AppearanceChanged:
                application.ReferToWindow(now, Actor.Gateway(result.Channel));
                Keep(application, result, images, now);
                break;
            case FaceVerificationOutcome.CaptureUnusable:
                throw new DomainException("face_capture_unusable", result.Problem ?? "无法识别人脸，请正对镜头、光线充足时重新拍摄。");
            default:
                throw new DomainException("face_not_matched", "人脸比对未通过，请本人正对镜头、摘下帽子和口罩后重试。");
        }

        if (!await unitOfWork.SaveUnlessTakenAsync(cancellationToken))
        {
            // The same identity proven on another account at the same moment: the unique index kept one.
            throw HeldElsewhere();
        }

        var message = result.Outcome == FaceVerificationOutcome.Match ? "实人认证通过。" : Domain.Eligibility.EligibilityPolicy.AppearanceChanged.Message;
        return new FaceVerificationView(result.Outcome.ToString(), message, application.State, ApplicationView.NextStepFor(application, regions.Get(application.RegionId)));
    }

    private static string Reference(ReissueApplication application) => application.Id.ToString("N");

    /// <summary>
    /// Kept (sealed like every photo, deleted with them) so the photo submitted later is compared with this face
    /// too, and the officer sees the drawn challenge, the frame that proved each action and the scores.
    /// </summary>
    private void Keep(ReissueApplication application, RealPersonResult result, List<byte[]> images, DateTimeOffset now)
    {
        if (result.BestFrame is { } best)
        {
            files.AddImage(best, StoredFileKind.FaceCapture, application.Id, now);
        }

        var actions = new List<RealPersonReportAction>(result.Actions.Count);
        foreach (var seen in result.Actions)
        {
            Guid? file = seen.PeakFrame is { } peak && peak >= 0 && peak < images.Count
                ? files.AddImage(images[peak], StoredFileKind.LivenessFrame, application.Id, now)
                : null;
            actions.Add(new RealPersonReportAction(RealPersonReport.Code(seen.Action), seen.StartFrame, seen.EndFrame, seen.PeakFrame, file));
        }

        var report = new RealPersonReport(result.Channel, result.Liveness.ToString(), [.. result.Challenge.Select(RealPersonReport.Code)], actions,
            result.Similarity, result.AttackScore, result.ProviderCode, images.Count, images.Count == 0 ? 0 : faceOptions.Value.FramesPerSecond, now);
        files.Add(report.ToJson(), StoredFileKind.RealPersonReport, application.Id, "application/json", now);
    }

    /// <summary>A face that matches the registry photo proves the account's holder to be the application's person:
    /// from now on the identity is this account's alone.</summary>
    private async Task RequireIdentityFreeAsync(ReissueApplication application, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await applications.OpenProvenApplicationExistsAsync(application.CitizenId, application.Id, cancellationToken))
        {
            throw OpenApplications.OpenForCitizen.ToException();
        }

        var account = await accounts.FindAsync(application.AccountId, cancellationToken) ?? throw new InvalidOperationException("The application's account does not exist.");
        if (account.CitizenId == application.CitizenId && await accounts.IsIdentityProvenElsewhereAsync(application.CitizenId, account.Id, cancellationToken))
        {
            throw HeldElsewhere();
        }

        account.ProveIdentity(application.CitizenId, now);
    }

    private static ProblemException HeldElsewhere() => ProvenIdentity.HeldElsewhere.ToException();
}
