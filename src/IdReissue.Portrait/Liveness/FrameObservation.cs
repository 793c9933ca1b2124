using IdReissue.Portrait.Faces;
using IdReissue.Portrait.Imaging;

using IdReissue.Portrait.Verification;

namespace IdReissue.Portrait.Liveness;

/// <summary>One camera frame as the liveness judgement sees it: the main face's landmarks and signals, and a small thumbnail of the whole frame.</summary>
public sealed class FrameObservation
{
    public required int Index { get; init; }

    public required int Width { get; init; }

    public required int Height { get; init; }

    public required RgbImage Image { get; init; }

    public LocatedFace? Face { get; init; }

    public PointF[]? Landmarks => Face?.Landmarks;

    public bool HasFace => Face is not null;

    public double Yaw { get; init; }

    public double Pitch { get; init; }

    public double Eyes { get; init; }

    public double Mouth { get; init; }

    public double EyeDistance { get; init; }

    /// <summary>The frame in grey, <see cref="FrameThumbnail.Width"/>×<see cref="FrameThumbnail.Height"/>, zero mean and unit spread.</summary>
    public required float[] Thumbnail { get; init; }

    public static FrameObservation Of(int index, DecodedPhoto photo, LocatedFace? face)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var thumbnail = FrameThumbnail.Of(photo.Image);
        if (face is null)
        {
            return new FrameObservation { Index = index, Width = photo.Width, Height = photo.Height, Image = photo.Image, Thumbnail = thumbnail };
        }

        var p = face.Landmarks.AsSpan();
        return new FrameObservation
        {
            Index = index, Width = photo.Width, Height = photo.Height, Image = photo.Image, Face = face, Thumbnail = thumbnail,
            Yaw = FaceSignals.Yaw(p), Pitch = FaceSignals.Pitch(p), Eyes = FaceSignals.EyeOpenness(p),
            Mouth = FaceSignals.MouthOpenness(p), EyeDistance = FaceSignals.EyeDistance(p),
        };
    }
}
