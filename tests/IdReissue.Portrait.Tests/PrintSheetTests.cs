using IdReissue.Portrait.Fixing;
using PdfSharp.Pdf.IO;
using SkiaSharp;

namespace IdReissue.Portrait.Tests;

/// <summary>The studio's 6-inch print: eight copies at 26 × 32 mm with cut marks, as a 300-dpi PNG and as a PDF.</summary>
public class PrintSheetTests
{
    private static readonly byte[] Photo = EngineFixture.DevSetFile("df__img13__ok.jpg");

    [Fact]
    public void The_png_is_152_by_102_mm_at_300_dpi_with_eight_copies_white_between_them_and_marks_at_the_corners()
    {
        var png = PrintSheet.Png(Photo);

        using var sheet = SKBitmap.Decode(png);
        Assert.Equal((1795, 1205), (sheet.Width, sheet.Height));
        // pHYs: 11811 pixels per metre = 300 dpi.
        Assert.True(png.AsSpan().IndexOf("pHYs"u8) > 0);
        Assert.Equal(11811u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(png.AsSpan().IndexOf("pHYs"u8) + 4)));
        using var photo = SKBitmap.Decode(Photo);
        var eye = photo.GetPixel(179, 190);
        var copies = PrintSheet.Copies();
        Assert.Equal(8, copies.Count);
        foreach (var (left, top) in copies)
        {
            // The same point of the photo in each copy, and the white gap just right of it.
            var x = Px(left + PrintSheet.PhotoWidthMm * 179 / 358);
            var y = Px(top + PrintSheet.PhotoHeightMm * 190 / 441);
            Assert.InRange(Math.Abs(sheet.GetPixel(x, y).Red - eye.Red), 0, 40);
            Assert.Equal(SKColors.White, sheet.GetPixel(Px(left + PrintSheet.PhotoWidthMm + 3), y));
            // A cut mark continues the left edge above the photo.
            Assert.True(sheet.GetPixel(Px(left), Px(top - 2)).Red < 64);
        }
    }

    [Fact]
    public void The_pdf_has_one_page_of_152_by_102_mm_with_the_photo_embedded_once()
    {
        var pdf = PrintSheet.Pdf(Photo);

        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        Assert.Equal(1, document.PageCount);
        var page = document.Pages[0];
        Assert.Equal(152, page.Width.Millimeter, 0.5);
        Assert.Equal(102, page.Height.Millimeter, 0.5);
        var images = page.Resources.Elements.GetDictionary("/XObject")!.Elements.Count;
        Assert.Equal(1, images);
        Assert.InRange(pdf.Length, Photo.Length, Photo.Length + 20_000);
    }

    private static int Px(double millimetres) => (int)Math.Round(millimetres / 25.4 * PrintSheet.Dpi);
}
