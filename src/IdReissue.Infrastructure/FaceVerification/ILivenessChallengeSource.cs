using IdReissue.Domain.Gateways;

namespace IdReissue.Infrastructure.FaceVerification;

/// <summary>Where the local engine's liveness challenges come from: drawn by the server, never chosen by the client.</summary>
public interface ILivenessChallengeSource
{
    IReadOnlyList<LivenessAction> Draw();
}
