using IdReissue.Domain.Common;

namespace IdReissue.Web.Errors;

/// <summary>实人认证 refused for liveness: the problem carries the judgement's stable reason codes (liveness contract).</summary>
public sealed class LivenessNotProvenException(string message, IReadOnlyList<string> reasons)
    : DomainException("liveness_not_proven", message)
{
    public IReadOnlyList<string> Reasons { get; } = reasons;
}
