using IdReissue.Portrait.Imaging;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>
/// A stand-in for a household register page (户口页) for sandbox journeys, tests and the load bench: no real page may be
/// kept, and a photo of a face is refused as one, so a scan-like page is drawn.
/// </summary>
public static class SandboxHouseholdPage
{
    /// <summary>A landscape page, 1200×850: a ruled form in thin grey lines with dark bars where the printed and written
    /// fields are; each <paramref name="variant"/> writes its fields differently, so two drawings are two files.</summary>
    public static byte[] Draw(int variant = 0)
    {
        const int width = 1200, height = 850;
        var pixels = new byte[width * height * 3];
        Array.Fill(pixels, (byte)246);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var ruled = (y % 85 == 40 && x is > 60 and < 1140) || (x % 270 == 60 && y is > 40 and < 810);
                var text = y % 85 is > 52 and < 68 && x % 270 is > 80 and < 240 && (x / 9 + y / 17 + variant) % 5 != 0;
                if (ruled || text)
                {
                    var i = ((y * width) + x) * 3;
                    pixels[i] = pixels[i + 1] = pixels[i + 2] = ruled ? (byte)150 : (byte)35;
                }
            }
        }

        return JpegWriter.Encode(new RgbImage(width, height, pixels), 85);
    }
}
