using IdReissue.Application.Common;
using IdReissue.Application.Review;
using IdReissue.Web.Applications;
using IdReissue.Web.Photos;

namespace IdReissue.Web.Review;

/// <summary>
/// What the officer sees of 实人认证: which channel ran it, the challenge the server drew, the frame that
/// proved each action, the presentation-attack score and the similarity to the registry photo. A borderline
/// liveness is flagged for the officer's own look before anything is decided.
/// </summary>
public sealed record RealPersonCheckView(RealPersonReport Report, IReadOnlyList<RealPersonCheckAction> Actions, bool ImagesHidden = false)
{
    public bool Borderline => Report.Liveness == nameof(Domain.Gateways.LivenessVerdict.Borderline);

    public string ChannelName => Report.Channel switch
    {
        Infrastructure.FaceVerification.LocalRealPersonVerification.ChannelName => "本系统摄像头活体检测",
        Infrastructure.TencentFaceId.TencentFaceIdVerification.ChannelName => "腾讯云人脸核身",
        Infrastructure.Sandbox.SandboxFaceIdVerification.ChannelName => "沙箱模拟人脸核身",
        _ => Report.Channel,
    };

    /// <summary>The action frames were kept and can be shown on request.</summary>
    public bool HasFrames => Report.Actions.Any(a => a.FrameFileId is not null);

    /// <summary>Null when the application has no report (or one that cannot be read). The frames are read only
    /// <paramref name="withImages"/> (shown on request, <see cref="ImagesHidden"/> otherwise).</summary>
    public static async Task<RealPersonCheckView?> LoadAsync(
        GetRealPersonFramesHandler frames, ReviewEvidence evidence, Guid applicationId, OfficerScope officer, bool withImages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.RealPersonReport is not { } file || RealPersonReport.FromJson(file.Content) is not { } report)
        {
            return null;
        }

        if (!withImages)
        {
            return new RealPersonCheckView(report, [.. report.Actions.Select(a => new RealPersonCheckAction(
                a.Action, RealPersonReport.Chinese(a.Action), a.StartFrame, a.EndFrame, null))], ImagesHidden: true);
        }

        var ids = report.Actions.Where(a => a.FrameFileId is not null).Select(a => a.FrameFileId!.Value).ToList();
        var found = (await frames.HandleAsync(new GetRealPersonFrames(applicationId, officer, ids), cancellationToken)).ValueOrThrow().Frames.ToDictionary(f => f.Id);
        return new RealPersonCheckView(report, [.. report.Actions.Select(a => new RealPersonCheckAction(
            a.Action, RealPersonReport.Chinese(a.Action), a.StartFrame, a.EndFrame,
            a.FrameFileId is { } id && found.TryGetValue(id, out var frame) ? PhotoVerdictView.DataUrl(frame.Content, frame.ContentType) : null))]);
    }
}

/// <summary>One asked action as the officer sees it: where it was performed and the frame that shows it.</summary>
public sealed record RealPersonCheckAction(string Code, string Name, int StartFrame, int EndFrame, string? Image);
