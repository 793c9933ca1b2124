using IdReissue.Portrait.Fixing;
using IdReissue.Portrait.Imaging;

namespace IdReissue.Portrait.Cli;

/// <summary>./portrait.sh sheet PHOTO OUTPUT.png|OUTPUT.pdf: a studio's 6-inch print sheet of eight copies with cut marks.</summary>
internal static class SheetCommand
{
    public static int Run(string[] args)
    {
        if (args.Length != 2 || Path.GetExtension(args[1]).ToLowerInvariant() is not (".png" or ".pdf"))
        {
            Console.Error.WriteLine("usage: portrait.sh sheet PHOTO OUTPUT.png|OUTPUT.pdf");
            return 2;
        }

        byte[] photo;
        try
        {
            photo = File.ReadAllBytes(args[0]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{args[0]}: {e.Message}");
            return 2;
        }

        if (PhotoDecoder.Decode(photo).Photo is null)
        {
            Console.Error.WriteLine($"{args[0]}: not an image");
            return 2;
        }

        File.WriteAllBytes(args[1], Path.GetExtension(args[1]).Equals(".pdf", StringComparison.OrdinalIgnoreCase) ? PrintSheet.Pdf(photo) : PrintSheet.Png(photo));
        Console.WriteLine($"{args[1]}: {PrintSheet.Columns * PrintSheet.Rows} copies of {args[0]}, {PrintSheet.SheetWidthMm}×{PrintSheet.SheetHeightMm} mm, {PrintSheet.Dpi} dpi");
        return 0;
    }
}
