namespace IdReissue.Portrait;

/// <summary>The verdict on one photo: pass, or fail with every reason; error when it is not an image.</summary>
public sealed record PortraitResult(string Spec, string Verdict, double ElapsedMs, IReadOnlyList<Reason> Reasons, IReadOnlyDictionary<string, double> Measures)
{
    public bool Passed => Verdict == "pass";
}

/// <summary>One failed rule: the measured value, the limit, the unit, and a sentence for the citizen.</summary>
public sealed record Reason(string Code, double? Value, string? Limit, string? Unit, string Message);
