using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Portrait.Faces;
using IdReissue.Portrait.Imaging;
using IdReissue.Portrait.Liveness;
using IdReissue.Portrait.Verification;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure.FaceVerification;

/// <summary>
/// 实人认证 with the embedded portrait engine: the server draws a challenge, the portal records the camera
/// while the applicant performs it, and the engine judges the frames (the asked actions in order, one
/// person, the continuity of a camera, not the registry photo held up) before the best frame's face is
/// compared with the registry photo. A token answers once: its nonce is kept beside the gateways'
/// notification ids (source "liveness:local-engine"), on every node.
/// </summary>
public sealed class LocalRealPersonVerification(
    LivenessJudge judge, FaceMatcher matcher, PresentationAttackNet attacks, IRegistryPhotos registry, ILivenessChallengeSource challenges,
    IDataProtectionProvider protection, IDbContextFactory<IdReissueDbContext> dbFactory, IOptions<FaceVerificationOptions> options, TimeProvider time)
    : IRealPersonVerification
{
    public const string ChannelName = "local-engine";
    public const string UsedSource = "liveness:local-engine";

    public string Channel => ChannelName;

    /// <summary>Whether a token was drawn here (a camera attempt) rather than by a provider.</summary>
    public bool Issued(string? token)
    {
        try
        {
            CameraAttemptToken.Open(protection, token);
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    public Task<RealPersonAttempt> BeginAsync(RealPersonRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var expiresAt = time.GetUtcNow() + settings.ChallengeLifetime;
        var token = CameraAttemptToken.Draw(request.CitizenId, request.Reference, challenges.Draw(), settings.FramesPerSecond, expiresAt);
        return Task.FromResult(new RealPersonAttempt(token.Seal(protection), expiresAt, token.Challenge, token.FramesPerSecond, null));
    }

    public async Task<RealPersonResult> CompleteAsync(RealPersonCompletion completion, CancellationToken cancellationToken)
    {
        var token = CameraAttemptToken.Open(protection, completion.Token);
        if (!token.IsFor(completion.CitizenId, completion.Reference))
        {
            throw CameraAttemptToken.Invalid();
        }

        if (time.GetUtcNow() > token.ExpiresAt)
        {
            throw new DomainException("challenge_expired", "认证动作已超时，请重新开始实人认证，并在提示后尽快完成。");
        }

        if (completion.Frames.Count == 0)
        {
            throw new DomainException("frames_required", "请使用摄像头按提示完成动作，不能上传照片代替本人。");
        }

        if (completion.Frames.Count > LivenessLimits.MaxFrames)
        {
            throw new DomainException("too_many_frames", $"画面帧数过多（最多{LivenessLimits.MaxFrames}帧），请重新拍摄。");
        }

        var photo = await registry.FindAsync(completion.CitizenId, cancellationToken) ?? throw RegistryPhotoUnavailable();
        var registered = matcher.Extract(photo).Template ?? throw RegistryPhotoUnavailable();

        // Used before it is judged: whatever the verdict, the same drawn challenge is never judged twice.
        if (!await OnceOnlyRecord.TryRecordAsync(dbFactory, new ReceivedNotification
            {
                Source = UsedSource, NotificationId = token.Nonce, Reference = token.Reference, ReceivedAt = time.GetUtcNow(), Outcome = "answered",
            }))
        {
            throw Used();
        }

        var judged = judge.Judge(completion.Frames, [.. token.Challenge.Select(a => (ChallengeAction)a)], token.FramesPerSecond, photo);
        var challenge = token.Challenge;
        var actions = judged.Actions.Select(a => new LivenessActionSeen((LivenessAction)a.Action, a.StartFrame, a.EndFrame, a.PeakFrame)).ToList();
        if (judged.Verdict == LivenessJudgement.Error)
        {
            throw new DomainException("face_capture_unusable", judged.Problem ?? "画面无法识别，请重新拍摄。");
        }

        if (!judged.IsLive || judged.BestTemplate is not { } captured)
        {
            return new RealPersonResult(Channel, LivenessVerdict.NotLive, FaceVerificationOutcome.NoMatch, challenge, actions, judged.Reasons,
                judged.Problem ?? "未能确认是本人实时操作，请按提示重新完成动作。", null, judged.AttackScore, null);
        }

        var (similarity, match) = matcher.Compare(captured, registered);
        var outcome = match switch
        {
            FaceMatch.Same => FaceVerificationOutcome.Match,
            FaceMatch.Uncertain => FaceVerificationOutcome.AppearanceChanged,
            _ => FaceVerificationOutcome.NoMatch,
        };
        var best = completion.Frames[judged.BestFrame];
        return new RealPersonResult(Channel, LivenessVerdict.Live, outcome, challenge, actions, [], null, similarity, judged.AttackScore ?? AttackScore(best), best);
    }

    /// <summary>
    /// The presentation-attack net's doubt about the best frame (1 − its "real" probability), for the officer
    /// only: measured on real and re-captured faces it does not separate them (docs/portrait.md), so it decides nothing.
    /// </summary>
    private double? AttackScore(byte[] frame)
    {
        if (PhotoDecoder.Decode(frame).Photo is not { } photo || matcher.Engine.LocateMainFace(photo.Image) is not { } face)
        {
            return null;
        }

        return Math.Round(1 - attacks.Score(photo.Image, face.Detection).Real, 3);
    }

    private static DomainException Used() =>
        new("challenge_used", "该次认证动作已提交过，请重新开始实人认证。", DomainErrorKind.Conflict);

    private static DomainException RegistryPhotoUnavailable() =>
        new("registry_photo_unavailable", "人口库中暂无可比对的本人照片，无法在线完成实人认证，请本人到公安机关窗口办理。", DomainErrorKind.Unavailable);
}
