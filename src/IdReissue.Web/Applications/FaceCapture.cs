using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;

namespace IdReissue.Web.Applications;

/// <summary>
/// What 实人认证 compares: the frame of a camera capture that faces the camera best, once the frames passed
/// the liveness check (活体检测), or a single capture where liveness is not required.
/// </summary>
public static class FaceCapture
{
    public static async Task<byte[]> ReadAsync(
        IFormFile? capture, IReadOnlyList<IFormFile>? frames, IFaceVerification faces, bool livenessRequired, CancellationToken cancellationToken)
    {
        if (frames is not { Count: > 0 })
        {
            if (livenessRequired)
            {
                throw new DomainException("liveness_required", "请使用摄像头按提示完成转头或眨眼动作，不能上传照片代替本人。");
            }

            return await Uploads.ReadAsync(capture, cancellationToken);
        }

        if (frames.Count > 12)
        {
            throw new DomainException("too_many_frames", "画面帧数过多，请重新拍摄。");
        }

        var images = new List<byte[]>(frames.Count);
        foreach (var frame in frames)
        {
            images.Add(await Uploads.ReadAsync(frame, cancellationToken));
        }

        var liveness = await faces.CheckLivenessAsync(images, cancellationToken);
        return liveness.Alive
            ? images[liveness.FrontalFrame]
            : throw new DomainException("liveness_not_proven", liveness.Problem ?? "未能确认是本人实时拍摄，请按提示重新拍摄。");
    }
}
