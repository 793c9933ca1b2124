using System.Diagnostics;
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
        var started = Stopwatch.GetTimestamp();

        var result = Check(PngHeaderOnly(100_000, 100_000));

        Assert.Equal("error", result.Verdict);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(1));
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
        var random = new Random(20261125);
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
        var runs = 0;
        while (Stopwatch.GetTimestamp() < deadline)
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

            var started = Stopwatch.GetTimestamp();
            var result = Check(file);
            Assert.True(result.Verdict is "pass" or "fail" or "error", result.Verdict);
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5), $"run {runs} took too long");
            runs++;
        }

        Assert.True(runs > 20, $"only {runs} mutated files were checked");
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A PNG signature and an IHDR claiming huge dimensions, with a correct CRC, and nothing else.</summary>
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
