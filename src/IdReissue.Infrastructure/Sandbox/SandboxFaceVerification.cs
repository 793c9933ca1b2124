using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Portrait;
using IdReissue.Infrastructure.Sandbox.Records;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>
/// Face verification sandbox. The capture must show exactly one face, found by the portrait engine's
/// real detector; the decision (match, no match, big change of appearance) is then configured per
/// synthetic resident, so every branch can be walked.
/// </summary>
public sealed class SandboxFaceVerification(IDbContextFactory<IdReissueDbContext> dbFactory, PortraitEngine engine) : IFaceVerification
{
    public async Task<FaceVerificationResult> VerifyAsync(string citizenId, ReadOnlyMemory<byte> capture, CancellationToken cancellationToken)
    {
        switch (engine.CountFaces(capture.Span))
        {
            case null:
                return new FaceVerificationResult(FaceVerificationOutcome.CaptureUnusable, 0, "无法识别的图片，请重新拍摄。");
            case 0:
                return new FaceVerificationResult(FaceVerificationOutcome.CaptureUnusable, 0, "未检测到人脸，请正对镜头、在光线充足处重新拍摄。");
            case > 1:
                return new FaceVerificationResult(FaceVerificationOutcome.CaptureUnusable, 0, "画面中有多张人脸，请只让本人出现在镜头中。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profile = await db.SandboxResidents.Where(r => r.CitizenIdIndex == db.BlindIndex(BlindIndexKinds.CitizenId, citizenId)).Select(r => (SandboxFaceProfile?)r.FaceProfile)
            .SingleOrDefaultAsync(cancellationToken);
        return profile switch
        {
            SandboxFaceProfile.Match => new FaceVerificationResult(FaceVerificationOutcome.Match, 0.93),
            SandboxFaceProfile.AppearanceChanged => new FaceVerificationResult(FaceVerificationOutcome.AppearanceChanged, 0.61),
            _ => new FaceVerificationResult(FaceVerificationOutcome.NoMatch, 0.18),
        };
    }
}
