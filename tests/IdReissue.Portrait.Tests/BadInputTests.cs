using SkiaSharp;

namespace IdReissue.Portrait.Tests;

/// <summary>Files that are not photos, or are dangerous to decode, get a clear verdict — never a crash or a hang.</summary>
[Collection(SharedEngine.Name)]
public class BadInputTests(EngineFixture fixture)
{
    private PortraitResult Check(byte[] file) => fixture.Engine.Check(file, "cn-id-card");

    [Fact]
    public void Empty_truncated_and_non_image_files_are_unreadable()
    {
        var ok = EngineFixture.DevSetFile("df__img13__ok.jpg");

        foreach (var file in new[] { Array.Empty<byte>(), ok[..(ok.Length / 3)], "这不是图片"u8.ToArray(), EngineFixture.DevSetFile("broken.jpg") })
        {
            var result = Check(file);
            Assert.Equal("error", result.Verdict);
            Assert.Equal("unreadable_image", Assert.Single(result.Reasons).Code);
        }
    }

    [Fact]
    public void A_png_is_judged_by_its_content_whatever_its_name()
    {
        var result = Check(EngineFixture.DevSetFile("df__img13__png.png"));

        Assert.Contains(result.Reasons, r => r.Code == "wrong_format");
    }

    [Fact]
    public void A_decompression_bomb_is_refused_from_its_header_without_decoding()
    {
        // A real bomb: a valid PNG of 8000 × 8000 black pixels, a few hundred kilobytes that would decode to 256 MB.
        var bomb = SolidPng(8000, 8000);
        Assert.True(bomb.Length < 1024 * 1024, $"{bomb.Length} bytes");

        var result = Check(bomb);

        // The guard's own refusal: without it the file decodes (it is valid) and gets a verdict, not an error.
        Assert.Equal("error", result.Verdict);
        Assert.Contains("图片尺寸异常（8000×8000像素）", result.Reasons.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_big_png_the_decoder_cannot_scale_is_refused_by_its_header_while_a_big_jpeg_is_decoded_small()
    {
        var result = Check(SolidPng(5000, 4000));

        Assert.Equal("error", result.Verdict);
        Assert.Contains("图片像素过多（5000×4000）", result.Reasons.Single().Message, StringComparison.Ordinal);

        using var big = new SKBitmap(5000, 4000);
        big.Erase(SKColors.White);
        var jpeg = Encode(big, SKEncodedImageFormat.Jpeg);
        Assert.NotEqual("error", Check(jpeg).Verdict);
    }

    [Fact]
    public void Greyscale_alpha_and_sixteen_bit_images_get_a_verdict()
    {
        var ok = SKBitmap.Decode(EngineFixture.DevSetFile("df__img13__ok.jpg"));
        using var grey = ok.Copy(SKColorType.Gray8);
        var greyResult = Check(Encode(grey, SKEncodedImageFormat.Jpeg));
        Assert.Contains(greyResult.Reasons, r => r.Code == "not_colour");

        using var withAlpha = ok.Copy(SKColorType.Rgba8888);
        withAlpha.SetPixel(0, 0, SKColors.Transparent);
        var alphaResult = Check(Encode(withAlpha, SKEncodedImageFormat.Png));
        Assert.Contains(alphaResult.Reasons, r => r.Code == "wrong_format");

        using var deep = ok.Copy(SKColorType.Rgba16161616);
        var deepResult = Check(Encode(deep, SKEncodedImageFormat.Png));
        Assert.NotEqual("pass", deepResult.Verdict);
    }

    [Fact]
    public void A_cmyk_jpeg_is_the_wrong_format_for_a_24_bit_rgb_standard()
    {
        // ImageMagick (installed by ./test.sh) makes the CMYK file; nothing binary is committed.
        var path = Path.Combine(Path.GetTempPath(), $"cmyk-{Guid.NewGuid():N}.jpg");
        using (var convert = System.Diagnostics.Process.Start("/usr/bin/convert", [Path.Combine(EngineFixture.DevSet, "df__img13__ok.jpg"), "-colorspace", "CMYK", path]))
        {
            convert.WaitForExit();
            Assert.Equal(0, convert.ExitCode);
        }

        try
        {
            var result = Check(File.ReadAllBytes(path));

            var reason = Assert.Single(result.Reasons, r => r.Code == "wrong_format");
            Assert.Contains("CMYK", reason.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_animated_gif_gets_a_verdict()
    {
        var result = Check(TwoFrameGif());

        Assert.NotEqual("pass", result.Verdict);
        Assert.Contains(result.Reasons, r => r.Code is "wrong_format" or "unreadable_image");
    }

    [Fact]
    public void Mutated_jpeg_and_png_bytes_never_crash_or_hang_the_engine()
    {
        var seeds = new[] { EngineFixture.DevSetFile("df__img13__ok.jpg"), EngineFixture.DevSetFile("df__img13__png.png") };
        // A fixed count of mutations from a fixed seed: the same files on every machine, however fast.
        var random = new Random(20261125);
        for (var runs = 0; runs < 300; runs++)
        {
            var file = (byte[])seeds[runs % 2].Clone();
            switch (random.Next(3))
            {
                case 0:
                    for (var i = 0; i < 1 + random.Next(20); i++)
                    {
                        file[random.Next(file.Length)] = (byte)random.Next(256);
                    }

                    break;
                case 1:
                    file = file[..random.Next(1, file.Length)];
                    break;
                default:
                    var at = random.Next(2, Math.Min(600, file.Length));
                    file = [.. file[..at], .. Enumerable.Range(0, random.Next(1, 64)).Select(_ => (byte)random.Next(256)), .. file[at..]];
                    break;
            }

            var result = Check(file);
            Assert.True(result.Verdict is "pass" or "fail" or "error", $"run {runs}: {result.Verdict}");
        }
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A PNG signature and an IHDR claiming huge dimensions, with a correct CRC, and nothing else.</summary>
    /// <summary>A valid RGB PNG of black pixels: its rows compress to almost nothing.</summary>
    private static byte[] SolidPng(int width, int height)
    {
        using var idat = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(idat, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + (width * 3)];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        var file = new List<byte>(PngHeaderOnly(width, height));
        AddChunk(file, "IDAT", idat.ToArray());
        AddChunk(file, "IEND", []);
        return [.. file];
    }

    private static void AddChunk(List<byte> file, string type, byte[] data)
    {
        var chunk = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(chunk, 0);
        data.CopyTo(chunk, 4);
        file.AddRange([(byte)(data.Length >> 24), (byte)(data.Length >> 16), (byte)(data.Length >> 8), (byte)data.Length]);
        file.AddRange(chunk);
        var crc = Crc32(chunk);
        file.AddRange([(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]);
    }

    private static byte[] PngHeaderOnly(int width, int height)
    {
        var ihdr = new byte[17];
        "IHDR"u8.CopyTo(ihdr);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(8), height);
        ihdr[12] = 8;
        ihdr[13] = 2;
        var file = new List<byte>();
        file.AddRange([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        file.AddRange(ihdr);
        var crc = Crc32(ihdr);
        file.AddRange([(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]);
        return [.. file];
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>A 1×1, two-frame GIF89a with a NETSCAPE loop block.</summary>
    private static byte[] TwoFrameGif()
    {
        byte[] header = [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255];
        byte[] loop = [0x21, 0xFF, 0x0B, .. "NETSCAPE2.0"u8, 3, 1, 0, 0, 0];
        byte[] frame = [0x21, 0xF9, 4, 0, 10, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0];
        return [.. header, .. loop, .. frame, .. frame, 0x3B];
    }
}
