namespace IdReissue.Web.Presentation;

/// <summary>A camera block for a file input: <paramref name="Crop"/> ("358x441") frames and scales the shot to a photo standard.</summary>
public sealed record CameraCapture(string InputId, string? Crop, string ShootLabel);
