namespace IdReissue.Application.Photos;

/// <summary>Names of the face-comparison results kept with a photo submission's measures (for the officer, never answered to the submitter).</summary>
public static class PhotoFaceScores
{
    /// <summary>Similarity of the photo's face to the registry photo (人口库照片).</summary>
    public const string Registry = "registrySimilarity";

    /// <summary>Similarity of the photo's face to the capture that passed 实人认证.</summary>
    public const string Capture = "captureSimilarity";
}
