namespace IdReissue.Portrait.Reasons;

/// <summary>
/// Where a reason without a measured value is told: the same fact (no face) needs different advice for an
/// uploaded ID photo, a photo compared with another, and a live camera capture.
/// </summary>
public enum PhotoReasonSituation
{
    PhotoCheck,
    Comparison,
    Capture,
}
