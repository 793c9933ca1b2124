using IdReissue.Application.Ports;
using IdReissue.Domain.Common;

namespace IdReissue.Web.Applications;

/// <summary>Reads an uploaded file with a size limit (storing it is <c>IFileStore</c>'s, within the application's quota).</summary>
public static class Uploads
{
    public const int MaxBytes = 8 * 1024 * 1024;

    public static async Task<byte[]> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            throw new DomainException("file_required", "请选择要上传的照片文件。");
        }

        if (file.Length > MaxBytes)
        {
            throw new DomainException("file_too_large", $"文件过大（{file.Length / 1024 / 1024}MB），请上传{MaxBytes / 1024 / 1024}MB以内的图片。");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
