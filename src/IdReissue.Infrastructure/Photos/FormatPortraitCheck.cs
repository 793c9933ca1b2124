using System.Globalization;
using IdReissue.Domain.Gateways;

namespace IdReissue.Infrastructure.Photos;

/// <summary>
/// The format part of the ID-photo standard (GA 461: JPEG, 358 × 441 px, 24-bit colour, bounded file
/// size), read from the file header. It stands behind <see cref="IPortraitCheck"/> until the portrait
/// engine (face geometry, background, exposure, ...) is plugged in; it never claims to have looked at the face.
/// </summary>
public sealed class FormatPortraitCheck : IPortraitCheck
{
    public const int Width = 358;
    public const int Height = 441;
    public const int MinBytes = 8 * 1024;
    public const int MaxBytes = 60 * 1024;

    public Task<PortraitVerdict> CheckAsync(ReadOnlyMemory<byte> photo, string specification, CancellationToken cancellationToken)
    {
        var measures = new Dictionary<string, double> { ["fileSizeBytes"] = photo.Length };
        var header = ImageHeader.Read(photo.Span);
        if (header is null || !LooksComplete(photo.Span, header))
        {
            return Task.FromResult(new PortraitVerdict(PortraitVerdictKind.Error, specification,
                [new PortraitReason("unreadable_image", null, null, null, "无法读取该文件，请上传完整的JPEG格式照片。")], measures));
        }

        measures["widthPx"] = header.Width;
        measures["heightPx"] = header.Height;
        var reasons = new List<PortraitReason>();
        if (header.Format != "jpeg")
        {
            reasons.Add(new PortraitReason("wrong_format", null, "jpeg", null, $"照片格式为{header.Format.ToUpperInvariant()}，请上传JPEG格式（.jpg）照片。"));
        }

        if (header.Width != Width || header.Height != Height)
        {
            reasons.Add(new PortraitReason("wrong_dimensions", header.Width != Width ? header.Width : header.Height, $"{Width}x{Height}", "px",
                string.Create(CultureInfo.InvariantCulture, $"照片尺寸为{header.Width}×{header.Height}像素，应为{Width}×{Height}像素（宽×高）。")));
        }

        if (header.Components < 3)
        {
            reasons.Add(new PortraitReason("not_colour", header.Components, "3", "channels", "照片不是彩色照片，请上传彩色照片。"));
        }

        if (photo.Length > MaxBytes)
        {
            reasons.Add(new PortraitReason("file_too_large", photo.Length / 1024.0, $"<={MaxBytes / 1024}", "KB",
                string.Create(CultureInfo.InvariantCulture, $"照片文件{photo.Length / 1024}KB，超过{MaxBytes / 1024}KB，请按制证标准压缩后上传。")));
        }
        else if (photo.Length < MinBytes)
        {
            reasons.Add(new PortraitReason("file_too_small", photo.Length / 1024.0, $">={MinBytes / 1024}", "KB",
                string.Create(CultureInfo.InvariantCulture, $"照片文件只有{photo.Length / 1024}KB，压缩过度，请上传更清晰的照片。")));
        }

        return Task.FromResult(new PortraitVerdict(reasons.Count == 0 ? PortraitVerdictKind.Pass : PortraitVerdictKind.Fail, specification, reasons, measures));
    }

    /// <summary>A JPEG ends with its end-of-image marker (some writers pad a few bytes after it); a truncated upload does not.</summary>
    private static bool LooksComplete(ReadOnlySpan<byte> data, ImageHeader header) =>
        header.Format != "jpeg" || data[^Math.Min(64, data.Length)..].IndexOf([(byte)0xFF, (byte)0xD9]) >= 0;
}
