namespace IdReissue.Web.Photos;

/// <summary>Short Chinese names of the portrait check's reason codes (portrait-contract.md), for charts and lists.</summary>
public static class ReasonLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["unreadable_image"] = "无法读取",
        ["wrong_format"] = "文件格式不符",
        ["wrong_dimensions"] = "尺寸不符",
        ["file_too_large"] = "文件过大",
        ["file_too_small"] = "文件过小",
        ["not_colour"] = "非彩色照片",
        ["no_face"] = "未检测到人脸",
        ["multiple_faces"] = "多张人脸",
        ["head_too_small"] = "头部过小",
        ["head_too_large"] = "头部过大",
        ["head_too_high"] = "头部偏上",
        ["head_too_low"] = "头部偏下",
        ["off_center"] = "头部未居中",
        ["head_cropped"] = "头部被裁切",
        ["head_tilted"] = "头部倾斜",
        ["head_turned"] = "未正视镜头",
        ["head_pitched"] = "抬头或低头",
        ["background_not_white"] = "背景非白色",
        ["background_uneven"] = "背景不均匀",
        ["underexposed"] = "曝光不足",
        ["overexposed"] = "曝光过度",
        ["low_contrast"] = "对比度低",
        ["uneven_lighting"] = "面部光照不均",
        ["blurred"] = "照片模糊",
        ["compression_artifacts"] = "压缩失真",
        ["colour_cast"] = "偏色",
        ["eyes_closed"] = "闭眼",
        ["mouth_open"] = "张嘴",
        ["glasses_glare"] = "眼镜反光",
        ["tinted_glasses"] = "有色眼镜",
        ["headwear"] = "佩戴帽子头饰",
        ["face_occluded"] = "面部遮挡",
        ["clothing_like_background"] = "服装与背景相近",
    };

    public static string For(string code) => Labels.GetValueOrDefault(code, code);
}
