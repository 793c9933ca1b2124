using IdReissue.Portrait.Reasons;
using IdReissue.Web.Photos;

namespace IdReissue.Web.Tests;

/// <summary>The dashboard's reason labels are the catalogue's, so a new code cannot show up as a bare code.</summary>
public class PhotoReasonLabelTests
{
    [Fact]
    public void Every_catalogued_code_has_its_label_and_an_unknown_code_shows_as_itself()
    {
        Assert.All(PhotoReasons.All, r => Assert.Equal(r.Label, ReasonLabels.For(r.Code)));
        Assert.Equal("人脸像素不足", ReasonLabels.For("low_resolution"));
        Assert.Equal("多张人脸", ReasonLabels.For("multiple_faces"));
        Assert.Equal("retired_code", ReasonLabels.For("retired_code"));
    }
}
