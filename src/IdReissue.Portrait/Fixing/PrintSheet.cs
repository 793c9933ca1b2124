using PdfSharp.Drawing;
using PdfSharp.Pdf;
using SkiaSharp;

namespace IdReissue.Portrait.Fixing;

/// <summary>
/// A studio's print of one ID photo: a 6-inch sheet (152 × 102 mm, landscape, 300 dpi) with eight copies
/// at the card photo's print size (26 × 32 mm, GA 461's 358 × 441 pixels at 350 dpi), four by two, 6 mm
/// apart, with a cut mark at each copy's corners, outside the photo so a cut on the line leaves no white
/// edge. As PNG (1795 × 1205 pixels) and as PDF (the photo embedded once, unscaled).
/// </summary>
public static class PrintSheet
{
    public const double SheetWidthMm = 152;
    public const double SheetHeightMm = 102;
    public const int Dpi = 300;
    public const int Columns = 4;
    public const int Rows = 2;
    public const double PhotoWidthMm = 26;
    public const double PhotoHeightMm = 32;
    private const double GapMm = 6;
    private const double MarkGapMm = 0.8;
    private const double MarkLengthMm = 2.5;

    /// <summary>Where each copy goes, in millimetres from the sheet's top left.</summary>
    public static IReadOnlyList<(double Left, double Top)> Copies()
    {
        var width = Columns * PhotoWidthMm + (Columns - 1) * GapMm;
        var height = Rows * PhotoHeightMm + (Rows - 1) * GapMm;
        var left = (SheetWidthMm - width) / 2;
        var top = (SheetHeightMm - height) / 2;
        return [.. Enumerable.Range(0, Columns * Rows).Select(i => (left + i % Columns * (PhotoWidthMm + GapMm), top + i / Columns * (PhotoHeightMm + GapMm)))];
    }

    public static byte[] Png(byte[] photo)
    {
        using var bitmap = SKBitmap.Decode(photo) ?? throw new ArgumentException("The photo does not decode.", nameof(photo));
        var width = Pixels(SheetWidthMm);
        var height = Pixels(SheetHeightMm);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(bitmap);
        using var pen = new SKPaint { Color = SKColors.Black, StrokeWidth = 2, IsAntialias = false, Style = SKPaintStyle.Stroke };
        var sampling = new SKSamplingOptions(SKCubicResampler.Mitchell);
        foreach (var (left, top) in Copies())
        {
            var box = new SKRect(Pixels(left), Pixels(top), Pixels(left + PhotoWidthMm), Pixels(top + PhotoHeightMm));
            canvas.DrawImage(image, box, sampling);
            foreach (var (x1, y1, x2, y2) in Marks(left, top))
            {
                canvas.DrawLine(Pixels(x1), Pixels(y1), Pixels(x2), Pixels(y2), pen);
            }
        }

        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        // 300 dpi is also written into the PNG (pHYs), so a print dialogue sizes it right.
        return WithDpi(data.ToArray(), Dpi);
    }

    public static byte[] Pdf(byte[] photo)
    {
        using var document = new PdfDocument();
        document.Info.Title = "证件照冲印版（6英寸，8张）";
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(SheetWidthMm);
        page.Height = XUnit.FromMillimeter(SheetHeightMm);
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            using var stream = new MemoryStream(photo);
            using var image = XImage.FromStream(stream);
            var pen = new XPen(XColors.Black, XUnit.FromMillimeter(0.15).Point);
            foreach (var (left, top) in Copies())
            {
                graphics.DrawImage(image, Point(left), Point(top), Point(PhotoWidthMm), Point(PhotoHeightMm));
                foreach (var (x1, y1, x2, y2) in Marks(left, top))
                {
                    graphics.DrawLine(pen, Point(x1), Point(y1), Point(x2), Point(y2));
                }
            }
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>Two short lines at each corner, continuing the photo's edges outward after a small gap.</summary>
    private static IEnumerable<(double X1, double Y1, double X2, double Y2)> Marks(double left, double top)
    {
        var right = left + PhotoWidthMm;
        var bottom = top + PhotoHeightMm;
        foreach (var x in new[] { left, right })
        {
            yield return (x, top - MarkGapMm, x, top - MarkGapMm - MarkLengthMm);
            yield return (x, bottom + MarkGapMm, x, bottom + MarkGapMm + MarkLengthMm);
        }

        foreach (var y in new[] { top, bottom })
        {
            yield return (left - MarkGapMm, y, left - MarkGapMm - MarkLengthMm, y);
            yield return (right + MarkGapMm, y, right + MarkGapMm + MarkLengthMm, y);
        }
    }

    private static int Pixels(double millimetres) => (int)Math.Round(millimetres / 25.4 * Dpi);

    private static double Point(double millimetres) => XUnit.FromMillimeter(millimetres).Point;

    /// <summary>Inserts a pHYs chunk (pixels per metre) after the PNG's IHDR.</summary>
    private static byte[] WithDpi(byte[] png, int dpi)
    {
        const int ihdrEnd = 8 + 4 + 4 + 13 + 4;
        var perMetre = (uint)Math.Round(dpi / 0.0254);
        var chunk = new byte[4 + 4 + 9 + 4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk, 9);
        "pHYs"u8.CopyTo(chunk.AsSpan(4));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8), perMetre);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(12), perMetre);
        chunk[16] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(17), Crc32(chunk.AsSpan(4, 13)));
        return [.. png.AsSpan(0, ihdrEnd), .. chunk, .. png.AsSpan(ihdrEnd)];
    }

    /// <summary>PNG's CRC-32 (ISO 3309, reflected 0xEDB88320), bit by bit: 13 bytes once per sheet.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
