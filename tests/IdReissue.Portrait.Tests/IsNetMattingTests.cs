using IdReissue.Portrait.Fixing;
using IdReissue.Portrait.Imaging;

namespace IdReissue.Portrait.Tests;

/// <summary>The published ISNet graph, made resizable on load, mattes a person at sizes other than its export's 1024.</summary>
public class IsNetMattingTests
{
    [Theory]
    [InlineData(320, 384)]
    [InlineData(256, 320)]
    public void The_person_is_foreground_and_the_backdrop_corners_are_not_at_any_multiple_of_64(int width, int height)
    {
        using var matting = new IsNetMatting(Path.Combine(ModelLocation.Find(), IsNetMatting.ModelFile));
        var photo = PhotoDecoder.Decode(EngineFixture.CalibrationSetFile("df__img10__realbg.jpg")).Photo!.Image;
        var input = Resampled(photo, width, height);

        var matte = matting.Matte(input);

        Assert.Equal(width * height, matte.Length);
        // Nose (middle, a little above centre) and chest are person; the two upper corners are the blue backdrop.
        Assert.True(matte[height * 45 / 100 * width + width / 2] > 0.9f);
        Assert.True(matte[(height - 5) * width + width / 2] > 0.9f);
        Assert.True(matte[5 * width + 5] < 0.1f);
        Assert.True(matte[5 * width + width - 6] < 0.1f);
    }

    [Fact]
    public void A_size_that_is_not_a_multiple_of_64_is_refused_before_the_network_runs()
    {
        using var matting = new IsNetMatting(Path.Combine(ModelLocation.Find(), IsNetMatting.ModelFile));

        Assert.Throws<ArgumentException>(() => matting.Matte(new RgbImage(300, 384, new byte[300 * 384 * 3])));
    }

    private static RgbImage Resampled(RgbImage image, int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var source = ((y * image.Height / height) * image.Width + x * image.Width / width) * 3;
                Array.Copy(image.Pixels, source, pixels, (y * width + x) * 3, 3);
            }
        }

        return new RgbImage(width, height, pixels);
    }
}
