using IdReissue.Portrait.Imaging;

namespace IdReissue.Portrait.Measures;

/// <summary>CIE L*a*b* (D65) planes of an image: lightness and colour in units people can reason about.</summary>
public sealed class LabImage
{
    private static readonly float[] Linear = BuildLinearTable();

    // f(t) of the L*a*b* definition sampled finely over [0, 1.1]: a cube root per channel per pixel was
    // the most expensive step of the whole check.
    private const int FSteps = 8192;
    private const float FRange = 1.1f;
    private static readonly float[] FTable = BuildFTable();

    private LabImage(int width, int height, float[] l, float[] a, float[] b)
    {
        Width = width;
        Height = height;
        L = l;
        A = a;
        B = b;
    }

    public int Width { get; }

    public int Height { get; }

    public float[] L { get; }

    public float[] A { get; }

    public float[] B { get; }

    // The planes of the previous photo checked on this thread, reused when the next has the same size
    // (the usual case: every ID photo is 358 × 441), so a check does not allocate 2 MB for them.
    [ThreadStatic]
    private static float[][]? _planes;

    /// <summary>Converts the whole image. The planes are reused by the next conversion on this thread:
    /// a <see cref="LabImage"/> lives for one check.</summary>
    public static LabImage From(RgbImage image)
    {
        var count = image.Width * image.Height;
        if (_planes is null || _planes[0].Length != count)
        {
            _planes = [new float[count], new float[count], new float[count]];
        }

        var l = _planes[0];
        var a = _planes[1];
        var b = _planes[2];
        var pixels = image.Pixels.AsSpan();
        for (var i = 0; i < count; i++)
        {
            var r = Linear[pixels[3 * i]];
            var g = Linear[pixels[3 * i + 1]];
            var bl = Linear[pixels[3 * i + 2]];
            var x = F((0.4124f * r + 0.3576f * g + 0.1805f * bl) / 0.95047f);
            var y = F(0.2126f * r + 0.7152f * g + 0.0722f * bl);
            var z = F((0.0193f * r + 0.1192f * g + 0.9505f * bl) / 1.08883f);
            l[i] = 116f * y - 16f;
            a[i] = 500f * (x - y);
            b[i] = 200f * (y - z);
        }

        return new LabImage(image.Width, image.Height, l, a, b);
    }

    private static float F(float t) => FTable[Math.Clamp((int)(t * (FSteps / FRange)), 0, FSteps)];

    private static float[] BuildFTable()
    {
        var table = new float[FSteps + 1];
        for (var i = 0; i <= FSteps; i++)
        {
            var t = i * FRange / FSteps;
            table[i] = t > 0.008856f ? MathF.Cbrt(t) : 7.787f * t + 16f / 116f;
        }

        return table;
    }

    private static float[] BuildLinearTable()
    {
        var table = new float[256];
        for (var i = 0; i < 256; i++)
        {
            var c = i / 255f;
            table[i] = c <= 0.04045f ? c / 12.92f : MathF.Pow((c + 0.055f) / 1.055f, 2.4f);
        }

        return table;
    }
}
