using IdReissue.Application.Ports;
using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Portrait.Imaging;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence.Stores;

/// <summary>Files in the database (sealed like other personal data), so that every node can serve them.</summary>
public sealed class EfFileStore(IdReissueDbContext db) : IFileStore
{
    public async Task RequireQuotaAsync(Guid applicationId, long incomingBytes, long quotaBytes, Guid? replacing, CancellationToken cancellationToken)
    {
        var stored = await db.Files.Where(f => f.ApplicationId == applicationId && f.Id != replacing).SumAsync(f => (long?)f.SizeBytes, cancellationToken) ?? 0;
        if (stored + incomingBytes > quotaBytes)
        {
            throw new DomainException("storage_quota_exceeded",
                $"该申请已上传的文件过多（共{(stored + incomingBytes) / 1024 / 1024}MB，上限{quotaBytes / 1024 / 1024}MB），请联系公安机关窗口。", DomainErrorKind.Conflict);
        }
    }

    public Guid AddImage(byte[] bytes, StoredFileKind kind, Guid? applicationId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var header = ImageHeader.Read(bytes)
            ?? throw new DomainException("unreadable_image", "无法识别该图片，请上传JPEG或PNG格式的照片。");
        return Add(bytes, kind, applicationId, header.Format == "png" ? "image/png" : "image/jpeg", now);
    }

    public Guid Add(byte[] bytes, StoredFileKind kind, Guid? applicationId, string contentType, DateTimeOffset now) => Store(db, bytes, kind, applicationId, contentType, now).Id;

    public Task<byte[]?> LatestContentAsync(Guid applicationId, StoredFileKind kind, CancellationToken cancellationToken) =>
        db.Files.Where(f => f.ApplicationId == applicationId && f.Kind == kind).OrderByDescending(f => f.CreatedAt).Select(f => f.Content).FirstOrDefaultAsync(cancellationToken);

    public Task DeleteAsync(Guid applicationId, StoredFileKind kind, IReadOnlyCollection<Guid> fileIds, CancellationToken cancellationToken) =>
        db.Files.Where(f => f.ApplicationId == applicationId && f.Kind == kind && fileIds.Contains(f.Id)).ExecuteDeleteAsync(cancellationToken);

    public Task DeleteAsync(Guid fileId, Guid applicationId, CancellationToken cancellationToken) =>
        db.Files.Where(f => f.Id == fileId && f.ApplicationId == applicationId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Adds the file to the unit of work; it is saved with the command that uses it.</summary>
    public static StoredFile Store(IdReissueDbContext db, byte[] bytes, StoredFileKind kind, Guid? applicationId, string contentType, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(bytes);
        var stored = new StoredFile
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            ApplicationId = applicationId,
            ContentType = contentType,
            Content = bytes,
            SizeBytes = bytes.Length,
            // The keyed digest (PersonalDataProtector.FileDigest) is filled in when the file is saved, with the blind indexes.
            Sha256 = string.Empty,
            CreatedAt = now,
        };
        db.Files.Add(stored);
        return stored;
    }
}
