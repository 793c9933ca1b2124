namespace IdReissue.Domain.Gateways;

/// <summary>证件人像检测: checks a photo against a photo specification and explains the verdict.</summary>
public interface IPortraitCheck
{
    Task<PortraitVerdict> CheckAsync(ReadOnlyMemory<byte> photo, string specification, CancellationToken cancellationToken);
}

public enum PortraitVerdictKind
{
    Pass,
    Fail,

    /// <summary>The file could not be read as an image at all.</summary>
    Error,
}

/// <summary>The verdict with every reason that applies, each with its measure and a Chinese sentence.</summary>
public sealed record PortraitVerdict(PortraitVerdictKind Verdict, string Specification, IReadOnlyList<PortraitReason> Reasons, IReadOnlyDictionary<string, double> Measures)
{
    public bool Passed => Verdict == PortraitVerdictKind.Pass;
}

public sealed record PortraitReason(string Code, double? Value, string? Limit, string? Unit, string Message);
