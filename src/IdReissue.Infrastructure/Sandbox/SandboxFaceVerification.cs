using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Photos;
using IdReissue.Infrastructure.Sandbox.Records;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>
/// Face verification sandbox. The capture must be a readable photo; the decision (match, no match,
/// big change of appearance) is configured per synthetic resident, so every branch can be walked.
/// </summary>
public sealed class SandboxFaceVerification(IDbContextFactory<IdReissueDbContext> dbFactory) : IFaceVerification
{
    public async Task<FaceVerificationResult> VerifyAsync(string citizenId, ReadOnlyMemory<byte> capture, CancellationToken cancellationToken)
    {
        var header = ImageHeader.Read(capture.Span);
        if (header is null)
        {
            return new FaceVerificationResult(FaceVerificationOutcome.CaptureUnusable, 0, "无法识别的图片，请重新拍摄。");
        }

        if (Math.Min(header.Width, header.Height) < 120)
        {
            return new FaceVerificationResult(FaceVerificationOutcome.CaptureUnusable, 0, "照片太小，请正对镜头重新拍摄。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profile = await db.SandboxResidents.Where(r => r.CitizenId == citizenId).Select(r => (SandboxFaceProfile?)r.FaceProfile)
            .SingleOrDefaultAsync(cancellationToken);
        return profile switch
        {
            SandboxFaceProfile.Match => new FaceVerificationResult(FaceVerificationOutcome.Match, 0.93),
            SandboxFaceProfile.AppearanceChanged => new FaceVerificationResult(FaceVerificationOutcome.AppearanceChanged, 0.61),
            _ => new FaceVerificationResult(FaceVerificationOutcome.NoMatch, 0.18),
        };
    }
}
