using QRCoder;

namespace IdReissue.Web.Payments;

/// <summary>The payment QR code as a PNG data URL (the CSP allows data: images, not inline SVG styles).</summary>
public static class QrCodeImage
{
    public static string DataUrl(string content)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
