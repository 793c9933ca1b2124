using System.Globalization;
using IdReissue.Portrait.Specifications;

namespace IdReissue.Web.Photos;

/// <summary>
/// What is drawn over a checked photo, in the photo's own pixels: the head outline the engine found
/// and the standard's zones (head-top margin, lowest eye line, head-width limits, centre line). The
/// outline is the measured head width with the eye line as its middle, which is where eyes sit in a
/// frontal head.
/// </summary>
public sealed record PhotoGuides(double Width, double Height, Ellipse? Outline, Band? HairTopZone, double? EyeLineLimitY, Band? LeftWidthZone, Band? RightWidthZone, double CentreX)
{
    public string ViewBox => string.Create(CultureInfo.InvariantCulture, $"0 0 {Width:0.#} {Height:0.#}");

    public static PhotoGuides? From(IReadOnlyDictionary<string, double> measures, PhotoSpecification? spec)
    {
        if (!measures.TryGetValue("widthPx", out var width) || !measures.TryGetValue("heightPx", out var height) || width <= 0 || height <= 0)
        {
            return null;
        }

        var centreX = width / 2;
        Ellipse? outline = null;
        double headCentreX = centreX;
        if (measures.TryGetValue("headWidthPx", out var headWidth) && measures.TryGetValue("eyeLineFromBottomPx", out var eyeFromBottom)
            && measures.TryGetValue("hairTopMarginPx", out var hairTop))
        {
            headCentreX = centreX + measures.GetValueOrDefault("centreOffsetPx");
            var eyeY = height - eyeFromBottom;
            outline = new Ellipse(headCentreX, eyeY, headWidth / 2, Math.Max(eyeY - hairTop, 1));
        }

        // The standard's zones only mean something on a photo of the standard's size.
        if (spec is null || Math.Abs(spec.WidthPx - width) > 0.5 || Math.Abs(spec.HeightPx - height) > 0.5)
        {
            return new PhotoGuides(width, height, outline, null, null, null, null, centreX);
        }

        return new PhotoGuides(
            width, height, outline,
            new Band(spec.HairTopMarginPx.Min, spec.HairTopMarginPx.Max),
            height - spec.EyeLineFromBottomMinPx,
            new Band(centreX - spec.FaceWidthPx.Max / 2, centreX - spec.FaceWidthPx.Min / 2),
            new Band(centreX + spec.FaceWidthPx.Min / 2, centreX + spec.FaceWidthPx.Max / 2),
            centreX);
    }
}

public sealed record Ellipse(double Cx, double Cy, double Rx, double Ry);

public sealed record Band(double From, double To)
{
    public double Size => To - From;
}
