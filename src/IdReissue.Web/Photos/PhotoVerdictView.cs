using IdReissue.Application.Photos;
using IdReissue.Domain.Gateways;
using IdReissue.Portrait.Specifications;

namespace IdReissue.Web.Photos;

/// <summary>A checked photo as a page shows it: the image, the verdict, every reason and the guides.</summary>
public sealed record PhotoVerdictView(string? ImageDataUrl, bool Passed, bool Unreadable, IReadOnlyList<PortraitReason> Reasons, PhotoGuides? Guides, string Message)
{
    /// <summary>Photos above this are not inlined into the page (an ID photo is at most 60 KB).</summary>
    private const int MaxInlineBytes = 1024 * 1024;

    /// <summary>A photo just submitted, as the portal and the studio page show it.</summary>
    public static PhotoVerdictView OfSubmission(PhotoCheckView checkedPhoto, byte[] bytes, string? uploadedType, PhotoSpecification? spec, string message) => new(
        DataUrl(bytes, uploadedType is "image/png" ? "image/png" : "image/jpeg"),
        checkedPhoto.Verdict == "pass",
        checkedPhoto.Verdict == "error",
        checkedPhoto.Reasons,
        PhotoGuides.From(checkedPhoto.Measures, spec),
        message);

    public static string? DataUrl(byte[] bytes, string contentType) =>
        bytes.Length is > 0 and <= MaxInlineBytes ? $"data:{contentType};base64,{Convert.ToBase64String(bytes)}" : null;
}
