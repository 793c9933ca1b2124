namespace IdReissue.Portrait.Imaging;

/// <summary>What the decoder learned about a file, and the pixels to analyse.</summary>
public sealed record DecodedPhoto
{
    /// <summary>"jpeg", "png", "webp", ... as the file's content says, whatever its name.</summary>
    public required string Format { get; init; }

    /// <summary>Dimensions of the encoded image, after EXIF orientation.</summary>
    public required int Width { get; init; }

    public required int Height { get; init; }

    public required long FileBytes { get; init; }

    /// <summary>The encoded colour is greyscale (one channel) or, for colour data, nearly so.</summary>
    public required bool Greyscale { get; init; }

    public required bool HasAlpha { get; init; }

    /// <summary>Colour channels as encoded: 3 for RGB/YCbCr, 4 for a CMYK (print) JPEG, 1 for grey.</summary>
    public required int EncodedComponents { get; init; }

    public required bool Animated { get; init; }

    /// <summary>The pixels, possibly decoded at a reduced scale for large photos (see <see cref="Scale"/>).</summary>
    public required RgbImage Image { get; init; }

    /// <summary>Analysed pixels per encoded pixel (1 for ID photos; less for large phone photos).</summary>
    public double Scale => (double)Image.Width / Width;
}
