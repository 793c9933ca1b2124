namespace IdReissue.Web.Presentation;

/// <summary>
/// A camera block for a file input (the photo page): <paramref name="Crop"/> ("358x441") frames and scales the
/// shot to a photo standard. The face step does not use it: 实人认证 records a drawn challenge (js/face.js).
/// </summary>
public sealed record CameraCapture(string InputId, string? Crop, string ShootLabel);
