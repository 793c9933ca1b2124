namespace IdReissue.Portrait.Faces;

/// <summary>The main face of a photo, its 68 landmarks (image pixels), and how many faces the photo shows.</summary>
public sealed record LocatedFace(FaceDetection Detection, PointF[] Landmarks, int FaceCount);
