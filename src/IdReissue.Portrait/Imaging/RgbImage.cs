namespace IdReissue.Portrait.Imaging;

/// <summary>An 8-bit RGB image, rows top to bottom, three bytes a pixel, no padding.</summary>
public sealed class RgbImage(int width, int height, byte[] pixels)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public byte[] Pixels { get; } = pixels;
}
