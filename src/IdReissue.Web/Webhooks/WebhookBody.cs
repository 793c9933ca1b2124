using IdReissue.Domain.Common;

namespace IdReissue.Web.Webhooks;

/// <summary>
/// Reads the body of a notification a gateway pushes to us (payment, courier). Such a request is
/// anonymous until its signature is checked, so no more than a real notification's size is read into
/// memory before it is refused.
/// </summary>
public static class WebhookBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static DomainException TooLarge() =>
        new("notification_too_large", $"通知内容过大（超过{MaxBytes / 1024}KB），已拒绝。", DomainErrorKind.TooLarge);
}
