using System.Globalization;
using IdReissue.Portrait.Imaging;
using IdReissue.Portrait.Reasons;
using IdReissue.Portrait.Specifications;

namespace IdReissue.Portrait.Measures;

/// <summary>
/// Every measure of one photo with a detected face, compared with the specification. Pixel geometry is
/// converted to the specification's grid when the photo has its proportions; otherwise (a raw phone
/// photo) the geometry is measured and reported but only the dimensions rule applies to it.
/// </summary>
internal sealed class PhotoMeasurement(PhotoSpecification spec, DecodedPhoto photo, FaceGeometry face, List<Reason> reasons, SortedDictionary<string, double> measures)
{
    /// <summary>Below this detector score the face's landmarks, and every measure read off them, are uncertain.</summary>
    private const double ConfidentFaceScore = 0.75;

    private static readonly HashSet<PhotoReasonKind> NotFaceMeasures = [PhotoReasons.CompressionArtifacts, PhotoReasons.BackgroundNotWhite];

    private readonly LabImage _lab = LabImage.From(photo.Image);
    private bool _turned;

    public void Run()
    {
        // Analysis pixels → the specification's pixels (1 for a photo of the right size).
        var toSpec = spec.WidthPx / (double)photo.Image.Width;
        var proportional = Math.Abs(photo.Width * spec.HeightPx - photo.Height * spec.WidthPx) <= 0.02 * photo.Width * spec.HeightPx;
        var hairTop = FindHairTop();
        measures["headWidthPx"] = Round(face.FaceWidth * toSpec);
        measures["hairTopMarginPx"] = Round(hairTop * toSpec);
        measures["eyeLineFromBottomPx"] = Round((photo.Image.Height - face.EyeLine.Y) * toSpec);
        // The head's centre is taken between the eyes: hair and ears are rarely symmetric, and the jaw outline
        // shifts with the slightest turn (measured on the development set: jaw midpoint off by 10 px on a centred photo).
        measures["centreOffsetPx"] = Round((face.EyeLine.X - photo.Image.Width / 2.0) * toSpec);
        measures["rollDegrees"] = Round(face.RollDegrees);
        measures["yaw"] = Round(face.Yaw);
        measures["pitch"] = Round(face.Pitch);
        measures["eyeOpening"] = Round(face.EyeOpening);
        measures["mouthOpening"] = Round(face.MouthOpening);
        if (proportional)
        {
            CheckGeometry(hairTop * toSpec);
        }

        CheckPose();
        CheckExpression();
        CheckBackgroundAndClothing(hairTop);
        CheckFace(hairTop);
        CheckGlasses();
        CheckCoverings(hairTop);
        CheckSharpnessAndCompression();
    }

    /// <summary>
    /// A covering differs from both skin and hair. Lower face (below the nose, between the mouth corners):
    /// a mask is far from the cheeks' colour without being darker (a beard or a shadow is darker).
    /// Above the brows: a cap or scarf is a saturated or very light fabric where a bare head shows hair
    /// or forehead. Both are colour rules, so hands (skin-coloured) and black caps (hair-coloured) escape.
    /// </summary>
    private void CheckCoverings(int hairTop)
    {
        var p = face.Points;
        var cheeks = RegionStatistics.Of(_lab, new PixelRect(p[2].X, p[29].Y, p[31].X, p[33].Y, 2), new PixelRect(p[35].X, p[29].Y, p[14].X, p[33].Y, 2));
        var lower = RegionStatistics.Of(_lab, new PixelRect(p[48].X, p[33].Y, p[54].X, p[8].Y, 2));
        if (cheeks.Count > 20 && lower.Count > 20)
        {
            var difference = Distance(lower, cheeks);
            measures["lowerFaceDifference"] = Round(difference);
            if (difference > spec.MaxCoveringDifference && lower.MedianL >= cheeks.MedianL - 10)
            {
                Add(PhotoReasons.FaceOccluded, Round(difference), $"<={spec.MaxCoveringDifference:0}", "口鼻部位被遮挡（口罩、围巾或其他物品），请露出完整面部重新拍摄。");
            }
        }

        var browTop = face.BrowTop;
        var crownBottom = browTop - face.FaceWidth * 0.12;
        if (crownBottom - hairTop > 6)
        {
            var crown = RegionStatistics.Of(_lab, new PixelRect(face.CentreX - face.FaceWidth * 0.3, hairTop, face.CentreX + face.FaceWidth * 0.3, crownBottom, 2));
            measures["crownChroma"] = Round(crown.Chroma);
            measures["crownLightness"] = Round(crown.MedianL);
            measures["crownHueDegrees"] = Round(crown.HueDegrees);
            var skinLike = Distance(crown, cheeks) < spec.MaxCoveringDifference;
            // Hair, whatever its shade, keeps to warm hues (red-brown to blond); a fabric of another hue,
            // or of any hue but far more saturated, or nearly white, is not hair.
            var hairHue = crown.HueDegrees >= spec.HairHueDegrees.Min && crown.HueDegrees <= spec.HairHueDegrees.Max;
            var fabric = crown.Chroma > spec.MaxHairChroma || (!hairHue && crown.Chroma > spec.MinFabricChroma) || crown.MedianL > spec.MaxHairLightness;
            if (!skinLike && fabric)
            {
                Add(PhotoReasons.Headwear, Round(crown.Chroma), $"<={spec.MaxHairChroma:0}", "头部有帽子、头巾或发饰遮挡，请免冠、摘下头饰后重新拍摄（宗教或民族习惯的除外，请到窗口办理）。");
            }
        }
    }

    private static double Distance(RegionStatistics a, RegionStatistics b) =>
        Math.Sqrt((a.MedianL - b.MedianL) * (a.MedianL - b.MedianL) + (a.MeanA - b.MeanA) * (a.MeanA - b.MeanA) + (a.MeanB - b.MeanB) * (a.MeanB - b.MeanB));

    /// <summary>
    /// Spectacle lenses cover a box around each eye about twice the eye's width. Glare is a patch of
    /// near-white, colourless pixels there, larger than the catchlight every eye has; a tinted lens makes
    /// the whole box much darker than the skin.
    /// </summary>
    private void CheckGlasses()
    {
        var p = face.Points;
        var skinLightness = measures.GetValueOrDefault("faceLightness");
        double worstGlare = 0;
        double darkest = double.MaxValue;
        foreach (var first in new[] { 36, 42 })
        {
            var eye = p.Skip(first).Take(6).ToArray();
            var eyeWidth = eye.Max(q => q.X) - eye.Min(q => q.X);
            var centreX = eye.Average(q => q.X);
            var centreY = eye.Average(q => q.Y);
            var box = new PixelRect(centreX - eyeWidth, centreY - eyeWidth * 0.6, centreX + eyeWidth, centreY + eyeWidth * 0.6);
            var lens = RegionStatistics.Of(_lab, box);
            if (lens.Count < 20)
            {
                continue;
            }

            // Brighter than white paper and well above the skin: an overexposed face is not glare.
            worstGlare = Math.Max(worstGlare, (double)CountGlare(box, Math.Max(95, skinLightness + 12)) / lens.Count);
            darkest = Math.Min(darkest, lens.MedianL);
        }

        if (darkest == double.MaxValue)
        {
            return;
        }

        measures["glareFraction"] = Round(worstGlare);
        measures["eyeRegionLightnessRatio"] = Round(skinLightness > 0 ? darkest / skinLightness : 1);
        // On an overexposed face the lenses' bright pixels are the exposure's (itself refused): saying "glare" as well would
        // send the applicant to move a lamp that is not there (a compliant photo made 15 % brighter read 0.15 here).
        if (worstGlare > spec.MaxGlareFraction && !reasons.Any(r => r.Code == PhotoReasons.Overexposed.Code))
        {
            Add(PhotoReasons.GlassesGlare, Round(worstGlare), $"<={spec.MaxGlareFraction:0.##}", "眼镜镜片有反光，请调整灯光或角度（可略低头、灯光从侧上方照射）后重新拍摄。");
        }

        if (skinLightness > 0 && darkest / skinLightness < spec.MinEyeRegionLightnessRatio)
        {
            Add(PhotoReasons.TintedGlasses, Round(darkest / skinLightness), $">={spec.MinEyeRegionLightnessRatio:0.##}", "眼部过暗，疑似佩戴有色眼镜或墨镜，请摘下有色眼镜（可戴无色透明眼镜）重新拍摄。");
        }
    }

    /// <summary>One sentence for the defect, whether the hair comes close to the top edge or runs past it.</summary>
    private string HeadTooHighSentence(double hairTopMargin) =>
        $"头顶距照片上边缘只有{Math.Max(0, hairTopMargin):0}像素（头发不能超出上边缘），应为{spec.HairTopMarginPx.Min:0}至{spec.HairTopMarginPx.Max:0}像素，请把头部在画面中下移或缩小。";

    private void CheckGeometry(double hairTopMargin)
    {
        var width = measures["headWidthPx"];
        if (width < spec.FaceWidthPx.Min)
        {
            Add(PhotoReasons.HeadTooSmall, width, spec.FaceWidthPx.ToString(), $"头部宽度偏小（{width:0}像素），应为{spec.FaceWidthPx.Min:0}至{spec.FaceWidthPx.Max:0}像素，请靠近镜头或放大头部后重新裁剪。");
        }
        else if (width > spec.FaceWidthPx.Max)
        {
            Add(PhotoReasons.HeadTooLarge, width, spec.FaceWidthPx.ToString(), $"头部宽度偏大（{width:0}像素），应为{spec.FaceWidthPx.Min:0}至{spec.FaceWidthPx.Max:0}像素，请离镜头远一些或缩小头部后重新裁剪。");
        }

        var eyeLine = measures["eyeLineFromBottomPx"];
        if (eyeLine < spec.EyeLineFromBottomMinPx)
        {
            Add(PhotoReasons.HeadTooLow, eyeLine, $">={spec.EyeLineFromBottomMinPx:0}", $"头部位置偏低：眼睛距照片下边缘{eyeLine:0}像素，至少应为{spec.EyeLineFromBottomMinPx:0}像素，请把头部在画面中上移。");
        }
        else if (hairTopMargin > spec.HairTopMarginPx.Max)
        {
            Add(PhotoReasons.HeadTooLow, hairTopMargin, spec.HairTopMarginPx.ToString(), $"头顶距照片上边缘{hairTopMargin:0}像素，应为{spec.HairTopMarginPx.Min:0}至{spec.HairTopMarginPx.Max:0}像素，请把头部在画面中上移。");
        }
        else if (hairTopMargin < 1)
        {
            // Hair touching or cut by the top edge (a bun, tall hair): the standard asks for a margin above the hair, and no
            // eye line excuses a head that does not fit; the photo must be taken or framed again with the head smaller.
            Add(PhotoReasons.HeadTooHigh, hairTopMargin, spec.HairTopMarginPx.ToString(), HeadTooHighSentence(hairTopMargin));
        }
        else if (hairTopMargin < spec.HairTopMarginPx.Min && eyeLine - spec.EyeLineFromBottomMinPx > spec.HairTopMarginPx.Min - hairTopMargin)
        {
            // Tall hair may come close to the top when the eye line could not otherwise hold; only flag it when there is room.
            Add(PhotoReasons.HeadTooHigh, hairTopMargin, spec.HairTopMarginPx.ToString(), HeadTooHighSentence(hairTopMargin));
        }

        var offset = measures["centreOffsetPx"];
        if (Math.Abs(offset) > spec.MaxCentreOffsetPx)
        {
            Add(PhotoReasons.OffCenter, offset, $"±{spec.MaxCentreOffsetPx:0}", $"头部未水平居中（偏{(offset < 0 ? "左" : "右")}{Math.Abs(offset):0}像素），请居中重新裁剪。");
        }

        var points = face.Points;
        if (points.Any(p => p.X < 0 || p.X >= photo.Image.Width || p.Y >= photo.Image.Height))
        {
            Add(PhotoReasons.HeadCropped, null, null, PhotoReasons.HeadCropped.Sentence(PhotoReasonSituation.PhotoCheck));
        }
    }

    private void CheckPose()
    {
        var roll = measures["rollDegrees"];
        if (Math.Abs(roll) > spec.MaxRollDegrees)
        {
            Add(PhotoReasons.HeadTilted, roll, $"±{spec.MaxRollDegrees:0}", $"头部歪斜{Math.Abs(roll):0.#}度（双眼不在同一水平线），请端正头部重新拍摄。");
        }

        var yaw = measures["yaw"];
        if (Math.Abs(yaw) > spec.MaxYaw)
        {
            // Lids, lips and the nose-to-chin line are foreshortened on a turned face: eyes, mouth and pitch
            // are not judged then (their numbers stay in measures), and the citizen is told why.
            _turned = true;
            Add(PhotoReasons.HeadTurned, yaw, $"±{spec.MaxYaw:0.##}", "头部向一侧转动，请正面对着镜头重新拍摄（头部转动时无法可靠判断眼睛、嘴巴和俯仰）。");
        }

        var pitch = measures["pitch"];
        if (!_turned && !spec.Pitch.Contains(pitch))
        {
            Add(PhotoReasons.HeadPitched, pitch, spec.Pitch.ToString(), pitch < spec.Pitch.Min ? "头部上仰，请平视镜头重新拍摄。" : "头部低垂，请平视镜头重新拍摄。");
        }
    }

    private void CheckExpression()
    {
        if (_turned)
        {
            RecordTeeth();
            return;
        }

        var eyes = measures["eyeOpening"];
        if (eyes < spec.MinEyeOpening)
        {
            Add(PhotoReasons.EyesClosed, eyes, $">={spec.MinEyeOpening:0.##}", "眼睛没有完全睁开，请自然睁眼重新拍摄。");
        }

        var mouth = measures["mouthOpening"];
        var teeth = RecordTeeth();

        // Either an open jaw (the inner lips apart) or lips parted over closed teeth (a smile): one defect, one sentence.
        const string mouthOpen = "嘴巴张开或露出牙齿，请闭合嘴唇、保持自然表情重新拍摄。";
        if (mouth > spec.MaxMouthOpening)
        {
            Add(PhotoReasons.MouthOpen, mouth, $"<={spec.MaxMouthOpening:0.##}", mouthOpen);
        }
        else if (teeth > spec.MaxTeethFraction)
        {
            Add(PhotoReasons.MouthOpen, Round(teeth.Value), $"<={spec.MaxTeethFraction:0.##}", mouthOpen);
        }
    }

    private double? RecordTeeth()
    {
        var p = face.Points;
        var skinGreen = Teeth.SkinGreen(photo.Image, new PixelRect(p[1].X, face.BrowTop, p[15].X, p[57].Y, 2));
        var teeth = Teeth.Fraction(photo.Image, _lab, p, skinGreen);
        if (teeth is { } shown)
        {
            measures["teethFraction"] = Math.Round(shown, 4);
        }

        return teeth;
    }

    /// <summary>The first row from the top where, across the head's columns, pixels differ from the background.</summary>
    private int FindHairTop()
    {
        var background = BackgroundSample();
        var left = Math.Max(0, (int)(face.CentreX - face.FaceWidth * 0.4));
        var right = Math.Min(_lab.Width, (int)(face.CentreX + face.FaceWidth * 0.4));
        var needed = Math.Max(3, (right - left) / 10);
        var limit = (int)face.BrowTop;
        for (var y = 0; y < limit; y++)
        {
            var different = 0;
            for (var x = left; x < right; x++)
            {
                if (Differs(y * _lab.Width + x, background))
                {
                    different++;
                }
            }

            if (different >= needed)
            {
                return y;
            }
        }

        return limit;
    }

    private bool Differs(int i, RegionStatistics background)
    {
        var dl = _lab.L[i] - background.MeanL;
        var da = _lab.A[i] - background.MeanA;
        var db = _lab.B[i] - background.MeanB;
        return dl * dl + da * da + db * db > 18 * 18;
    }

    /// <summary>The background's colour, from the two top corners.</summary>
    private RegionStatistics BackgroundSample()
    {
        var size = Math.Max(4, _lab.Width / 20);
        return RegionStatistics.Of(_lab, new PixelRect(0, 0, size, size), new PixelRect(_lab.Width - size, 0, _lab.Width, size));
    }

    private int CountGlare(PixelRect box, double minLightness)
    {
        var (x0, y0, x1, y1) = box.Clip(_lab.Width, _lab.Height);
        var count = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                var i = y * _lab.Width + x;
                count += _lab.L[i] > minLightness && _lab.A[i] * _lab.A[i] + _lab.B[i] * _lab.B[i] < 100 ? 1 : 0;
            }
        }

        return count;
    }

    private void CheckBackgroundAndClothing(int hairTop)
    {
        // Background: the band above the hair, and the photo's outer edges (down to the chin for its colour,
        // to the eye line for its evenness). Beside the head, long or loose hair and the soft matte edge
        // around it fill the space out to a few pixels from the outline, and they are not background; the
        // outer columns rarely hold hair above the eyes in a framed photo, and they are where a real
        // backdrop or a shadow shows. Median lightness and median colour shrug off the odd strand of hair there.
        // Statistics of a region do not need every pixel: every other one in each direction is plenty.
        var step = Math.Max(2, _lab.Width / 300);
        var edge = Math.Max(3, _lab.Width * spec.Background.EdgeWidthFraction);
        var margin = Math.Max(2, hairTop - 3);
        var bottom = Math.Max(margin, face.Chin.Y);
        var top = new PixelRect(0, 0, _lab.Width, margin, step);
        var leftBand = new PixelRect(0, margin, edge, bottom, step);
        var rightBand = new PixelRect(_lab.Width - edge, margin, _lab.Width, bottom, step);
        var all = RegionStatistics.WithMedianChroma(_lab, top, leftBand, rightBand);
        if (all.Count < 50)
        {
            return;
        }

        // The backdrop's own colour, against which hair is told apart, from everything above the eyes: the
        // band above the hair alone may be a row or two when the hair nearly reaches the top.
        var eyeLine = Math.Max(margin, face.EyeLine.Y);
        var backdrop = RegionStatistics.Of(_lab, top, new PixelRect(0, margin, edge, eyeLine, step), new PixelRect(_lab.Width - edge, margin, _lab.Width, eyeLine, step));
        var unevenness = BackgroundSpread.Measure(_lab, backdrop, margin, (int)edge, (int)eyeLine, Math.Max(2, face.FaceWidth * spec.Background.HaloWidthFraction));
        measures["backgroundLightness"] = Round(all.MedianL);
        measures["backgroundChroma"] = Round(all.MedianChroma);
        measures["backgroundHueDegrees"] = Round(all.HueDegrees);
        measures["backgroundUnevenness"] = Round(unevenness);
        if (all.MedianL < spec.Background.MinLightness || all.MedianChroma > spec.Background.MaxChroma)
        {
            Add(PhotoReasons.BackgroundNotWhite, Round(all.MedianL), $"L>={spec.Background.MinLightness:0}, C<={spec.Background.MaxChroma:0}",
                all.MedianChroma > spec.Background.MaxChroma ? "背景不是白色（带有颜色），请在纯白背景前重新拍摄。" : $"背景偏暗（亮度{all.MedianL:0}），应为白色背景，请在白色背景前补光重新拍摄。");
        }

        if (unevenness > spec.Background.MaxUnevenness)
        {
            Add(PhotoReasons.BackgroundUneven, Round(unevenness), $"<={spec.Background.MaxUnevenness:0.#}", "背景不均匀（有阴影、渐变或杂物），请在干净的纯色背景前均匀补光重新拍摄。");
        }

        // Clothing: the chest and shoulders (the lower 40 % below the chin, 0.7 face widths each side), which must stand
        // out from the white background. A quarter of what the camera recorded there must differ in colour from the
        // backdrop (a white shirt under a dark jacket, bare shoulders with white beside them, skin brightened until it
        // nearly clips); clipped white says nothing either way, but a region that is almost all clipped white, or
        // where under a tenth of it stands out, shows no clothing against the backdrop at all (a white top).
        var shoulderTop = face.Chin.Y + (_lab.Height - face.Chin.Y) * 0.6;
        var clothingArea = new PixelRect(face.CentreX - face.FaceWidth * 0.7, shoulderTop, face.CentreX + face.FaceWidth * 0.7, _lab.Height, step);
        var clothing = ClothingStatistics.Of(_lab, photo.Image, clothingArea, all, spec.ClothingMinLightnessDifference);
        if (clothing.Count > 30)
        {
            var standOut = clothing.StandOutFraction;
            measures["clothingLightness"] = Round(clothing.DarkerQuarterL);
            measures["clothingClippedFraction"] = Round(clothing.ClippedFraction);
            measures["clothingStandOutFraction"] = Round(standOut);
            if (standOut < ClothingMinStandOut || standOut * (1 - clothing.ClippedFraction) < ClothingMinStandOutOfRegion)
            {
                Add(PhotoReasons.ClothingLikeBackground, Round(standOut), $">={ClothingMinStandOut:0.##}", "衣服颜色与白色背景过于接近，请穿深色或有颜色的衣服重新拍摄（不要穿白色上衣）。");
            }
        }
    }

    /// <summary>
    /// The old rule's darker quarter, now of what the camera recorded: compliant photos read 0.45 and more under every
    /// variation of InvarianceTests (bare skin in the middle, a dark or coloured top at the sides), a white top about 0.
    /// </summary>
    private const double ClothingMinStandOut = 0.25;

    /// <summary>Of the whole region: a sliver of neck above a top clipped white is no clothing against the backdrop.</summary>
    private const double ClothingMinStandOutOfRegion = 0.1;

    private void CheckFace(int hairTop)
    {
        var p = face.Points;
        var skin = RegionStatistics.Of(_lab, new PixelRect(p[1].X, face.BrowTop, p[15].X, p[57].Y, 2));
        var head = RegionStatistics.Of(_lab, new PixelRect(face.JawLeft.X, hairTop, face.JawRight.X, face.Chin.Y, 2));
        measures["faceLightness"] = Round(skin.MedianL);
        measures["faceClippedFraction"] = Round(skin.ClippedFraction);
        measures["contrast"] = Round(head.P95L - head.P05L);
        measures["skinHueDegrees"] = Round(skin.HueDegrees);
        measures["skinChroma"] = Round(skin.Chroma);
        if (skin.MedianL < spec.FaceLightness.Min)
        {
            Add(PhotoReasons.Underexposed, Round(skin.MedianL), $">={spec.FaceLightness.Min:0}", $"脸部太暗（亮度{skin.MedianL:0}，应不低于{spec.FaceLightness.Min:0}），请在光线充足处或补光后重新拍摄。");
        }
        else if (skin.MedianL > spec.FaceLightness.Max || skin.ClippedFraction > spec.MaxClippedFraction)
        {
            Add(PhotoReasons.Overexposed, Round(skin.MedianL), $"<={spec.FaceLightness.Max:0}", $"脸部过亮或过曝（亮度{skin.MedianL:0}，应不高于{spec.FaceLightness.Max:0}），请减弱光线重新拍摄。");
        }

        if (head.P95L - head.P05L < spec.MinContrast)
        {
            Add(PhotoReasons.LowContrast, Round(head.P95L - head.P05L), $">={spec.MinContrast:0}", "照片发灰、层次不足，请在均匀充足的光线下重新拍摄。");
        }

        // A cast shows as skin of an unnatural hue, or as skin and a coloured background tinted alike.
        var hue = skin.HueDegrees;
        var tintedAlike = measures.GetValueOrDefault("backgroundChroma") > spec.ColourCast.MaxBackgroundChroma
            && Math.Abs(measures.GetValueOrDefault("backgroundHueDegrees", double.NaN) - hue) < 40;
        if (skin.Chroma > 4 && (hue < spec.ColourCast.MinHueDegrees || hue > spec.ColourCast.MaxHueDegrees || tintedAlike))
        {
            Add(PhotoReasons.ColourCast, Round(hue), $"{spec.ColourCast.MinHueDegrees:0}..{spec.ColourCast.MaxHueDegrees:0}", "照片偏色（肤色不自然），请关闭美颜滤镜、在白光下重新拍摄。");
        }
    }

    private void CheckSharpnessAndCompression()
    {
        var p = face.Points;
        var region = new PixelRect(Math.Max(1, p[1].X), Math.Max(1, face.BrowTop), Math.Min(_lab.Width - 1, p[15].X), Math.Min(_lab.Height - 1, p[57].Y));
        if (FaceDetail.Measure(_lab, region, face.FaceWidth) is { } sharpness)
        {
            measures["sharpness"] = Round(sharpness);
            if (sharpness < spec.MinSharpness)
            {
                Add(PhotoReasons.Blurred, Round(sharpness), $">={spec.MinSharpness:0.##}", "照片不清晰（对焦不准或晃动），请保持不动、对准焦点重新拍摄。");
            }
        }

        // Blocks only line up with the 8-pixel grid in the file's own pixels.
        if (Math.Abs(photo.Scale - 1) < 1e-6)
        {
            var blockiness = Blocking.Measure(_lab);
            measures["blockiness"] = Round(blockiness);
            if (blockiness > spec.MaxBlockiness)
            {
                Add(PhotoReasons.CompressionArtifacts, Round(blockiness), $"<={spec.MaxBlockiness:0.##}", "照片压缩过度，出现明显的方块或噪点，请使用原图或更高质量重新导出。");
            }
        }
    }

    private void Add(PhotoReasonKind kind, double? value, string? limit, string message)
    {
        // A weakly detected face may be misplaced: the reason still stands, but says its number is uncertain.
        if (measures.GetValueOrDefault("faceScore", 1) < ConfidentFaceScore && !NotFaceMeasures.Contains(kind))
        {
            message += "（人脸检测置信度较低，此项测量可能不准确。）";
        }

        reasons.Add(kind.With(value is null ? null : Round(value.Value), limit, message));
    }

    private static double Round(double value) => Math.Round(value, 2);
}
