namespace IdReissue.Portrait.Measures;

/// <summary>
/// JPEG blocking: a heavily quantised JPEG flattens each 8×8 block and leaves a step at its border. Each
/// step across a block border is compared with the steps just beside it, inside the blocks on either side:
/// a natural edge that happens to cross a border is as steep beside it, so it cancels; flat areas (a white
/// background) carry no information and are skipped. Rows and columns both count.
/// </summary>
internal static class Blocking
{
    /// <summary>A step below this (L*) is noise, in a flat area.</summary>
    private const float Flat = 0.75f;

    public static double Measure(LabImage lab)
    {
        var l = lab.L;
        var w = lab.Width;
        var h = lab.Height;
        double border = 0, beside = 0;
        for (var y = 0; y < h; y++)
        {
            var row = y * w;
            for (var x = 8; x < w - 1; x += 8)
            {
                Accumulate(l[row + x - 2], l[row + x - 1], l[row + x], l[row + x + 1], ref border, ref beside);
            }
        }

        for (var y = 8; y < h - 1; y += 8)
        {
            for (var x = 0; x < w; x++)
            {
                Accumulate(l[(y - 2) * w + x], l[(y - 1) * w + x], l[y * w + x], l[(y + 1) * w + x], ref border, ref beside);
            }
        }

        return border < 1 ? 1 : border / Math.Max(beside, 1);
    }

    private static void Accumulate(float before2, float before1, float after1, float after2, ref double border, ref double beside)
    {
        var across = MathF.Abs(after1 - before1);
        var inside = (MathF.Abs(before1 - before2) + MathF.Abs(after2 - after1)) / 2;
        if (across < Flat && inside < Flat)
        {
            return;
        }

        border += across;
        beside += inside;
    }
}
