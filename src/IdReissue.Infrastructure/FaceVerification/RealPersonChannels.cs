using IdReissue.Domain.Gateways;

namespace IdReissue.Infrastructure.FaceVerification;

/// <summary>
/// The ways 实人认证 can run: the camera judged by the embedded engine (always), and where one is configured
/// a certified provider's own page (Tencent Cloud FaceID in production, its simulator in the sandbox).
/// </summary>
public sealed class RealPersonChannels(LocalRealPersonVerification camera, IEnumerable<IRealPersonVerification> providers)
{
    public LocalRealPersonVerification Camera { get; } = camera;

    public IRealPersonVerification? Provider { get; } = providers.LastOrDefault();
}
