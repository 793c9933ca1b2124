using IdReissue.Portrait.Imaging;
using IdReissue.Portrait.Specifications;

namespace IdReissue.Portrait.Fixing;

/// <summary>
/// One gamma curve over the whole photo, the same for every pixel and channel: brightens a dark face or
/// darkens a bright one toward the middle of the specification's range without touching white (255 stays
/// 255) or black, so the background stays white and nothing local is retouched. Offered only when the
/// check found the face's exposure wrong, and kept only when the check then finds fewer faults.
/// </summary>
internal sealed class ExposureCurve
{
    private readonly byte[] _table = new byte[256];

    private ExposureCurve(double gamma)
    {
        for (var i = 0; i < 256; i++)
        {
            _table[i] = (byte)Math.Clamp(Math.Round(255 * Math.Pow(i / 255.0, gamma)), 0, 255);
        }
    }

    public static ExposureCurve? For(PortraitResult check, PhotoSpecification spec)
    {
        if (!check.Measures.TryGetValue("faceLightness", out var lightness) || lightness <= 1 || lightness >= 99)
        {
            return null;
        }

        var range = spec.FaceLightness;
        var target = lightness < range.Min ? range.Min + 0.3 * (range.Max - range.Min)
            : lightness > range.Max ? range.Max - 0.2 * (range.Max - range.Min)
            : (double?)null;
        if (target is not { } goal)
        {
            return null;
        }

        // L* → an sRGB value (approximately, for a grey of that lightness), and the power that maps one to the other.
        var now = Srgb(lightness);
        var wanted = Srgb(goal);
        return new ExposureCurve(Math.Log(wanted) / Math.Log(now));
    }

    public RgbImage Apply(RgbImage image)
    {
        var pixels = new byte[image.Pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = _table[image.Pixels[i]];
        }

        return new RgbImage(image.Width, image.Height, pixels);
    }

    private static double Srgb(double lightness)
    {
        var y = lightness > 8 ? Math.Pow((lightness + 16) / 116, 3) : lightness / 903.3;
        return y <= 0.0031308 ? 12.92 * y : 1.055 * Math.Pow(y, 1 / 2.4) - 0.055;
    }
}
