using IdReissue.Portrait.Reasons;

namespace IdReissue.Web.Photos;

/// <summary>Names of the face-comparison results kept with a photo submission's measures.</summary>
public static class PhotoFaceScores
{
    /// <summary>Similarity of the photo's face to the registry photo (人口库照片).</summary>
    public const string Registry = "registrySimilarity";

    /// <summary>Similarity of the photo's face to the capture that passed 实人认证.</summary>
    public const string Capture = "captureSimilarity";

    /// <summary>The reason a photo of another person is refused.</summary>
    public static readonly string NotTheApplicant = PhotoReasons.NotTheApplicant.Code;
}
