using IdReissue.Application.Ports;
using System.Security.Cryptography;
using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Portrait.Imaging;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Web.Applications;

/// <summary>Reads an uploaded image with a size limit and stores it in the database, within the application's quota.</summary>
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

    /// <summary>Refuses an upload that would take the application's stored files over <paramref name="quotaBytes"/>;
    /// <paramref name="replacing"/> is a file the upload replaces, which does not count.</summary>
    public static async Task RequireQuotaAsync(IdReissueDbContext db, Guid applicationId, long incomingBytes, long quotaBytes, Guid? replacing, CancellationToken cancellationToken)
    {
        var stored = await db.Files.Where(f => f.ApplicationId == applicationId && f.Id != replacing).SumAsync(f => (long?)f.SizeBytes, cancellationToken) ?? 0;
        if (stored + incomingBytes > quotaBytes)
        {
            throw new DomainException("storage_quota_exceeded",
                $"该申请已上传的文件过多（共{(stored + incomingBytes) / 1024 / 1024}MB，上限{quotaBytes / 1024 / 1024}MB），请联系公安机关窗口。", DomainErrorKind.Conflict);
        }
    }

    /// <summary>Stores an upload that must be a readable JPEG or PNG image.</summary>
    public static StoredFile StoreImage(IdReissueDbContext db, byte[] bytes, StoredFileKind kind, Guid? applicationId, DateTimeOffset now)
    {
        var header = ImageHeader.Read(bytes)
            ?? throw new DomainException("unreadable_image", "无法识别该图片，请上传JPEG或PNG格式的照片。");
        return Store(db, bytes, kind, applicationId, header.Format == "png" ? "image/png" : "image/jpeg", now);
    }

    /// <summary>Adds the file to the unit of work; it is saved with the command that uses it.</summary>
    public static StoredFile Store(IdReissueDbContext db, byte[] bytes, StoredFileKind kind, Guid? applicationId, string contentType, DateTimeOffset now)
    {
        var stored = new StoredFile
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            ApplicationId = applicationId,
            ContentType = contentType,
            Content = bytes,
            SizeBytes = bytes.Length,
            Sha256 = Convert.ToHexString(SHA256.HashData(bytes)),
            CreatedAt = now,
        };
        db.Files.Add(stored);
        return stored;
    }
}
