namespace IdReissue.Web.Presentation;

/// <summary>
/// A camera block for a file input: <paramref name="Crop"/> ("358x441") frames and scales the shot to a photo
/// standard. With <paramref name="FramesInputId"/>, the shot is several frames taken while the person turns the
/// head (活体检测), put in that multiple file input instead.
/// </summary>
public sealed record CameraCapture(string InputId, string? Crop, string ShootLabel, string? FramesInputId = null);
