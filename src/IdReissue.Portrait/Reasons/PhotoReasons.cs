using Category = IdReissue.Portrait.Reasons.PhotoReasonCategory;

namespace IdReissue.Portrait.Reasons;

/// <summary>
/// The one catalogue of photo reason codes: every code the photo check, the fixer, the face comparison and
/// the web host give, each once. Codes are the contract's (portrait-contract.md) and never change; a new
/// code is added here first, with its label, so no chart or list shows a bare code.
/// </summary>
public static class PhotoReasons
{
    public static readonly PhotoReasonKind UnreadableImage = new("unreadable_image", "无法读取", Category.File)
    {
        // The photo check says what the decoder found; a camera frame is simply retaken.
        CaptureSentence = "无法识别的图片，请重新拍摄。",
    };

    public static readonly PhotoReasonKind WrongFormat = new("wrong_format", "文件格式不符", Category.File, "channels");
    public static readonly PhotoReasonKind WrongDimensions = new("wrong_dimensions", "尺寸不符", Category.File, "px");
    public static readonly PhotoReasonKind FileTooLarge = new("file_too_large", "文件过大", Category.File, "KB");
    public static readonly PhotoReasonKind FileTooSmall = new("file_too_small", "文件过小", Category.File, "KB");

    public static readonly PhotoReasonKind NotColour = new("not_colour", "非彩色照片", Category.Colour)
    {
        PhotoCheckSentence = "照片是黑白（灰度）照片，请上传彩色照片。",
    };

    public static readonly PhotoReasonKind NoFace = new("no_face", "未检测到人脸", Category.Face, "faces")
    {
        // An ID photo must be bare-headed; a photo only compared need not be; a capture is retaken in front of the camera.
        PhotoCheckSentence = "照片中未检测到人脸，请上传本人正面免冠照片。",
        ComparisonSentence = "照片中未检测到人脸，请上传本人正面照片。",
        CaptureSentence = "未检测到人脸，请正对镜头、在光线充足处重新拍摄。",
    };

    public static readonly PhotoReasonKind MultipleFaces = new("multiple_faces", "多张人脸", Category.Face, "faces")
    {
        PhotoCheckSentence = $"照片中检测到{PhotoReasonKind.CountPlaceholder}张人脸，证件照只能有本人一人，请单独拍摄。",
        ComparisonSentence = $"照片中检测到{PhotoReasonKind.CountPlaceholder}张人脸，无法确定比对哪一位，请只拍本人。",
        CaptureSentence = "画面中有多张人脸，请只让本人出现在镜头中。",
    };

    /// <summary>The fixer's: a face too small to enlarge to the specification's size without blur.</summary>
    public static readonly PhotoReasonKind LowResolution = new("low_resolution", "人脸像素不足", Category.Face, "px", InContract: false);

    public static readonly PhotoReasonKind HeadTooSmall = new("head_too_small", "头部过小", Category.Geometry, "px");
    public static readonly PhotoReasonKind HeadTooLarge = new("head_too_large", "头部过大", Category.Geometry, "px");
    public static readonly PhotoReasonKind HeadTooHigh = new("head_too_high", "头部偏上", Category.Geometry, "px");
    public static readonly PhotoReasonKind HeadTooLow = new("head_too_low", "头部偏下", Category.Geometry, "px");
    public static readonly PhotoReasonKind OffCenter = new("off_center", "头部未居中", Category.Geometry, "px");

    public static readonly PhotoReasonKind HeadCropped = new("head_cropped", "头部被裁切", Category.Geometry)
    {
        PhotoCheckSentence = "脸部或下巴有部分在照片外，请保证整个头部都在照片内。",
    };

    public static readonly PhotoReasonKind HeadTilted = new("head_tilted", "头部倾斜", Category.Pose, "°");
    public static readonly PhotoReasonKind HeadTurned = new("head_turned", "未正视镜头", Category.Pose, "ratio");
    public static readonly PhotoReasonKind HeadPitched = new("head_pitched", "抬头或低头", Category.Pose, "ratio");
    public static readonly PhotoReasonKind BackgroundNotWhite = new("background_not_white", "背景非白色", Category.Background, "L*");
    public static readonly PhotoReasonKind BackgroundUneven = new("background_uneven", "背景不均匀", Category.Background, "L*");
    public static readonly PhotoReasonKind ClothingLikeBackground = new("clothing_like_background", "服装与背景相近", Category.Background, "ratio");
    public static readonly PhotoReasonKind Underexposed = new("underexposed", "曝光不足", Category.Lighting, "L*");
    public static readonly PhotoReasonKind Overexposed = new("overexposed", "曝光过度", Category.Lighting, "L*");
    public static readonly PhotoReasonKind LowContrast = new("low_contrast", "对比度低", Category.Lighting, "L*");

    /// <summary>In the contract, not yet measured by the engine: no unit until a measure gives it one.</summary>
    public static readonly PhotoReasonKind UnevenLighting = new("uneven_lighting", "面部光照不均", Category.Lighting);

    /// <summary>Sharpness is a relative score with no physical unit.</summary>
    public static readonly PhotoReasonKind Blurred = new("blurred", "照片模糊", Category.Sharpness);

    public static readonly PhotoReasonKind CompressionArtifacts = new("compression_artifacts", "压缩失真", Category.Sharpness, "ratio");
    public static readonly PhotoReasonKind ColourCast = new("colour_cast", "偏色", Category.Colour, "°");
    public static readonly PhotoReasonKind EyesClosed = new("eyes_closed", "闭眼", Category.Expression, "ratio");
    public static readonly PhotoReasonKind MouthOpen = new("mouth_open", "张嘴", Category.Expression, "ratio");
    public static readonly PhotoReasonKind GlassesGlare = new("glasses_glare", "眼镜反光", Category.Accessories, "ratio");
    public static readonly PhotoReasonKind TintedGlasses = new("tinted_glasses", "有色眼镜", Category.Accessories, "ratio");
    public static readonly PhotoReasonKind Headwear = new("headwear", "佩戴帽子头饰", Category.Accessories, "C*");
    public static readonly PhotoReasonKind FaceOccluded = new("face_occluded", "面部遮挡", Category.Accessories, "ΔE");

    /// <summary>The web host's: the photo's face is not the applicant's (registry photo or 实人认证 capture).</summary>
    public static readonly PhotoReasonKind NotTheApplicant = new("not_the_applicant", "非本人照片", Category.Identity, "similarity", InContract: false)
    {
        PhotoCheckSentence = "照片中的人脸与本人人口库照片或实人认证时的人脸不符，请提交申请人本人的照片。",
    };

    /// <summary>Every entry, in the contract's order (declared after the entries: static fields initialise in order).</summary>
    public static readonly IReadOnlyList<PhotoReasonKind> All =
    [
        UnreadableImage, WrongFormat, WrongDimensions, FileTooLarge, FileTooSmall, NotColour, NoFace, MultipleFaces,
        HeadTooSmall, HeadTooLarge, HeadTooHigh, HeadTooLow, OffCenter, HeadCropped, HeadTilted, HeadTurned, HeadPitched,
        BackgroundNotWhite, BackgroundUneven, Underexposed, Overexposed, LowContrast, UnevenLighting, Blurred,
        CompressionArtifacts, ColourCast, EyesClosed, MouthOpen, GlassesGlare, TintedGlasses, Headwear, FaceOccluded,
        ClothingLikeBackground, LowResolution, NotTheApplicant,
    ];

    private static readonly Dictionary<string, PhotoReasonKind> ByCode = All.ToDictionary(r => r.Code, StringComparer.Ordinal);

    /// <summary>The entry of a code, or null for a code no part of the service gives.</summary>
    public static PhotoReasonKind? Find(string code) => ByCode.GetValueOrDefault(code);
}
