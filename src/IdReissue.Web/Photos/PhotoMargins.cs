using System.Globalization;
using IdReissue.Portrait.Specifications;

namespace IdReissue.Web.Photos;

/// <summary>
/// How close a photo's key measures are to the standard's limits. A photo that passed with a measure
/// in the last 15 % of its allowed range is "borderline": the check said yes, but an officer should
/// look at it with their own eyes.
/// </summary>
public static class PhotoMargins
{
    private const double NearFraction = 0.15;

    public static IReadOnlyList<MeasureMargin> Of(IReadOnlyDictionary<string, double> measures, PhotoSpecification spec)
    {
        var margins = new List<MeasureMargin>();
        void Range(string key, string label, double min, double max, string unit)
        {
            if (measures.TryGetValue(key, out var value))
            {
                var near = (max - min) * NearFraction;
                margins.Add(new MeasureMargin(label, value, Text(min, max, unit), value < min || value > max, value < min + near || value > max - near));
            }
        }

        void AtMost(string key, string label, double max, string unit, bool absolute = false)
        {
            if (measures.TryGetValue(key, out var raw))
            {
                var value = absolute ? Math.Abs(raw) : raw;
                margins.Add(new MeasureMargin(label, raw, string.Create(CultureInfo.InvariantCulture, $"≤ {max:0.##}{unit}"), value > max, value > max * (1 - NearFraction)));
            }
        }

        void AtLeast(string key, string label, double min, string unit)
        {
            if (measures.TryGetValue(key, out var value))
            {
                margins.Add(new MeasureMargin(label, value, string.Create(CultureInfo.InvariantCulture, $"≥ {min:0.##}{unit}"), value < min, value < min * (1 + NearFraction)));
            }
        }

        Range("headWidthPx", "头部宽度", spec.FaceWidthPx.Min, spec.FaceWidthPx.Max, "px");
        Range("hairTopMarginPx", "头顶距上边", spec.HairTopMarginPx.Min, spec.HairTopMarginPx.Max, "px");
        AtLeast("eyeLineFromBottomPx", "眼睛距下边", spec.EyeLineFromBottomMinPx, "px");
        AtMost("centreOffsetPx", "偏离中线", spec.MaxCentreOffsetPx, "px", absolute: true);
        AtMost("rollDegrees", "头部倾斜", spec.MaxRollDegrees, "°", absolute: true);
        AtMost("yaw", "左右转头", spec.MaxYaw, string.Empty, absolute: true);
        Range("pitch", "抬头/低头", spec.Pitch.Min, spec.Pitch.Max, string.Empty);
        AtLeast("backgroundLightness", "背景亮度", spec.Background.MinLightness, string.Empty);
        AtMost("backgroundUnevenness", "背景不均匀", spec.Background.MaxUnevenness, string.Empty);
        Range("faceLightness", "面部亮度", spec.FaceLightness.Min, spec.FaceLightness.Max, string.Empty);
        AtLeast("sharpness", "清晰度", spec.MinSharpness, string.Empty);
        AtLeast("eyeOpening", "睁眼程度", spec.MinEyeOpening, string.Empty);
        AtMost("mouthOpening", "张嘴程度", spec.MaxMouthOpening, string.Empty);
        return margins;
    }

    public static bool IsBorderline(IReadOnlyDictionary<string, double> measures, PhotoSpecification spec) => Of(measures, spec).Any(m => m.Near);

    private static string Text(double min, double max, string unit) => string.Create(CultureInfo.InvariantCulture, $"{min:0.##}–{max:0.##}{unit}");
}

/// <summary>One measure against its limit: outside it, or inside but near the edge.</summary>
public sealed record MeasureMargin(string Label, double Value, string Limit, bool Outside, bool Near);
