using IdReissue.Domain.Gateways;
using IdReissue.Portrait;

namespace IdReissue.Infrastructure.Photos;

/// <summary>The workflow's photo check, answered by the portrait engine (证件人像检测).</summary>
public sealed class EnginePortraitCheck(PortraitEngine engine) : IPortraitCheck
{
    public Task<PortraitVerdict> CheckAsync(ReadOnlyMemory<byte> photo, string specification, CancellationToken cancellationToken)
    {
        var result = engine.Check(photo.Span, specification);
        var verdict = result.Verdict switch
        {
            "pass" => PortraitVerdictKind.Pass,
            "error" => PortraitVerdictKind.Error,
            _ => PortraitVerdictKind.Fail,
        };
        return Task.FromResult(new PortraitVerdict(verdict, result.Spec,
            [.. result.Reasons.Select(r => new PortraitReason(r.Code, r.Value, r.Limit, r.Unit, r.Message))],
            result.Measures));
    }
}
