using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Web.Applications;
using IdReissue.Web.Photos;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Web.Review;

/// <summary>
/// What the officer sees of 实人认证: which channel ran it, the challenge the server drew, the frame that
/// proved each action, the presentation-attack score and the similarity to the registry photo. A borderline
/// liveness is flagged for the officer's own look before anything is decided.
/// </summary>
public sealed record RealPersonCheckView(RealPersonReport Report, IReadOnlyList<RealPersonCheckAction> Actions)
{
    public bool Borderline => Report.Liveness == nameof(Domain.Gateways.LivenessVerdict.Borderline);

    public string ChannelName => Report.Channel switch
    {
        Infrastructure.FaceVerification.LocalRealPersonVerification.ChannelName => "本系统摄像头活体检测",
        Infrastructure.TencentFaceId.TencentFaceIdVerification.ChannelName => "腾讯云人脸核身",
        Infrastructure.Sandbox.SandboxFaceIdVerification.ChannelName => "沙箱模拟人脸核身",
        _ => Report.Channel,
    };

    public static async Task<RealPersonCheckView?> LoadAsync(IdReissueDbContext db, Guid applicationId, CancellationToken cancellationToken)
    {
        var file = await db.Files.AsNoTracking().Where(f => f.ApplicationId == applicationId && f.Kind == StoredFileKind.RealPersonReport)
            .OrderByDescending(f => f.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (file is null || RealPersonReport.FromJson(file.Content) is not { } report)
        {
            return null;
        }

        var ids = report.Actions.Where(a => a.FrameFileId is not null).Select(a => a.FrameFileId!.Value).ToList();
        var frames = await db.Files.AsNoTracking().Where(f => f.ApplicationId == applicationId && ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, cancellationToken);
        return new RealPersonCheckView(report, [.. report.Actions.Select(a => new RealPersonCheckAction(
            a.Action, RealPersonReport.Chinese(a.Action), a.StartFrame, a.EndFrame,
            a.FrameFileId is { } id && frames.TryGetValue(id, out var frame) ? PhotoVerdictView.DataUrl(frame.Content, frame.ContentType) : null))]);
    }
}

/// <summary>One asked action as the officer sees it: where it was performed and the frame that shows it.</summary>
public sealed record RealPersonCheckAction(string Code, string Name, int StartFrame, int EndFrame, string? Image);
