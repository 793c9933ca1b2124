using IdReissue.Portrait.Verification;
using IdReissue.Web.Review;

namespace IdReissue.Web.Tests;

/// <summary>The officer's 人证比对 panel flags a submitted photo that is the same picture as the capture or the registry photo.</summary>
public class FaceComparisonViewTests
{
    [Theory]
    [InlineData(0.99, 0.70, "实人认证人脸")]
    [InlineData(0.70, 0.97, "人口库照片")]
    [InlineData(0.86, 0.80, null)]
    [InlineData(null, 0.80, null)]
    public void A_submitted_photo_at_the_engines_copy_limit_of_the_capture_or_the_registry_photo_is_flagged(double? toCapture, double? toRegistry, string? copies)
    {
        var view = new FaceComparisonView(null, null, null, 0.80, toRegistry, toCapture, FaceMatchPolicy.Default);
        Assert.Equal(copies, view.PhotoCopies);
    }
}
