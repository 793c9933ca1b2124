using IdReissue.Portrait.Faces;
using IdReissue.Portrait.Imaging;

namespace IdReissue.Portrait.Tests;

/// <summary>
/// A change a camera, make-up or a different skin makes to a photo without changing what the standard judges: exposure
/// (every channel times a gain), gamma, lips tinted a strong red (between the outer and inner lip contours), and the skin
/// of the face warmer or cooler (inside the jaw and brow contour, eyes and mouth left alone). Re-encoded at quality 92.
/// </summary>
public sealed record PhotoVariation(string Name, bool TouchesExposure, Func<PortraitEngine, RgbImage, RgbImage> Change)
{
    public bool TouchesSkin => Name.StartsWith("skin-", StringComparison.Ordinal);

    public static readonly IReadOnlyList<PhotoVariation> All =
    [
        new("exposure+15%", true, (_, image) => PerChannel(image, v => v * 1.15)),
        new("exposure-15%", true, (_, image) => PerChannel(image, v => v * 0.85)),
        new("gamma0.8", true, (_, image) => PerChannel(image, v => 255 * Math.Pow(v / 255, 0.8))),
        new("gamma1.25", true, (_, image) => PerChannel(image, v => 255 * Math.Pow(v / 255, 1.25))),
        new("lips-strong-red", false, RedLips),
        new("skin-warmer", false, (engine, image) => Skin(engine, image, red: 1.07, blue: 0.90)),
        new("skin-cooler", false, (engine, image) => Skin(engine, image, red: 0.93, blue: 1.08)),
    ];

    public static PhotoVariation Named(string name) => All.Single(v => v.Name == name);

    public byte[] Apply(PortraitEngine engine, byte[] jpeg)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var image = PhotoDecoder.Decode(jpeg).Photo!.Image;
        return JpegWriter.Encode(Change(engine, image), 92);
    }

    private static double MedianRedness(RgbImage image, float left, float top, float right, float bottom)
    {
        var values = new List<double>();
        for (var y = Math.Max(0, (int)top); y < Math.Min(image.Height, (int)bottom); y += 2)
        {
            for (var x = Math.Max(0, (int)left); x < Math.Min(image.Width, (int)right); x += 2)
            {
                var i = ((y * image.Width) + x) * 3;
                values.Add(image.Pixels[i] / (double)Math.Max(1, (int)image.Pixels[i + 1]));
            }
        }

        values.Sort();
        return values.Count == 0 ? 1 : values[values.Count / 2];
    }

    private static RgbImage PerChannel(RgbImage image, Func<double, double> map)
    {
        var table = new byte[256];
        for (var v = 0; v < 256; v++)
        {
            table[v] = (byte)Math.Clamp(Math.Round(map(v)), 0, 255);
        }

        var pixels = (byte[])image.Pixels.Clone();
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = table[pixels[i]];
        }

        return new RgbImage(image.Width, image.Height, pixels);
    }

    /// <summary>
    /// Lipstick: each lip pixel mixed 65 % towards a deep red, keeping a little of its own shading. Lipstick colours lips,
    /// not teeth: pixels not clearly red (teeth, the dark gap) inside the outer lip line are left as they are, since the
    /// inner lip line closes over the teeth of a smile.
    /// </summary>
    private static RgbImage RedLips(PortraitEngine engine, RgbImage image)
    {
        var p = engine.LocateMainFace(image)?.Landmarks;
        if (p is null)
        {
            return image;
        }

        PointF[] outer = [.. p[48..60]];
        var skinRedness = MedianRedness(image, p[1].X, p[17..27].Min(q => q.Y), p[15].X, p[57].Y);
        return Paint(image, outer, null, (r, g, b) =>
        {
            // Lips are coloured and at least as red as the skin; teeth (white, pinkish or yellowish, in light or in the
            // shade of a smile) and the dark gap are not.
            var max = Math.Max(r, Math.Max(g, b));
            var saturation = max <= 0 ? 0 : (max - Math.Min(r, Math.Min(g, b))) / max;
            if (max < 60 || saturation < 0.25 || r / Math.Max(g, 1) < skinRedness)
            {
                return (r, g, b);
            }

            var shade = (r + g + b) / 3.0 / 160.0;
            return (0.35 * r + 0.65 * 185 * shade, 0.35 * g + 0.65 * 25 * shade, 0.35 * b + 0.65 * 45 * shade);
        });
    }

    /// <summary>The face's skin (inside the jaw line and the brows) warmer or cooler; the eyes and the mouth as they were.</summary>
    private static RgbImage Skin(PortraitEngine engine, RgbImage image, double red, double blue)
    {
        var p = engine.LocateMainFace(image)?.Landmarks;
        if (p is null)
        {
            return image;
        }

        PointF[] face = [.. p[0..17], .. p[17..27].Reverse()];
        var keep = new[] { p[36..42], p[42..48], p[48..60] };
        return Paint(image, face, null, (r, g, b) => (r * red, g, b * blue), keep);
    }

    private static RgbImage Paint(RgbImage image, PointF[] area, PointF[]? hole, Func<double, double, double, (double R, double G, double B)> colour, PointF[][]? keep = null)
    {
        var pixels = (byte[])image.Pixels.Clone();
        var left = (int)Math.Max(0, area.Min(q => q.X));
        var right = (int)Math.Min(image.Width - 1, area.Max(q => q.X));
        var top = (int)Math.Max(0, area.Min(q => q.Y));
        var bottom = (int)Math.Min(image.Height - 1, area.Max(q => q.Y));
        for (var y = top; y <= bottom; y++)
        {
            for (var x = left; x <= right; x++)
            {
                var at = new PointF(x + 0.5f, y + 0.5f);
                if (!Inside(area, at) || (hole is not null && Inside(hole, at)) || (keep?.Any(k => Inside(k, at)) ?? false))
                {
                    continue;
                }

                var i = ((y * image.Width) + x) * 3;
                var (r, g, b) = colour(pixels[i], pixels[i + 1], pixels[i + 2]);
                pixels[i] = (byte)Math.Clamp(Math.Round(r), 0, 255);
                pixels[i + 1] = (byte)Math.Clamp(Math.Round(g), 0, 255);
                pixels[i + 2] = (byte)Math.Clamp(Math.Round(b), 0, 255);
            }
        }

        return new RgbImage(image.Width, image.Height, pixels);
    }

    private static bool Inside(PointF[] polygon, PointF point)
    {
        var inside = false;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            if ((polygon[i].Y > point.Y) != (polygon[j].Y > point.Y)
                && point.X < ((polygon[j].X - polygon[i].X) * (point.Y - polygon[i].Y) / (polygon[j].Y - polygon[i].Y)) + polygon[i].X)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
