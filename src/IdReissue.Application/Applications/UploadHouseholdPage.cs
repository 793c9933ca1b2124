using IdReissue.Application.Abuse;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Domain.Regions;

namespace IdReissue.Application.Applications;

/// <summary>The household register page (户口页), where the region asks for it; a new page replaces the one before.</summary>
public sealed record UploadHouseholdPage(Guid ApplicationId, Guid AccountId, byte[] Image);

public sealed class UploadHouseholdPageHandler(
    IApplicationStore applications, IRegionPolicies regions, IFileStore files, IHouseholdPageCheck pages, IAbuseLimiter limiter, AbuseLimitOptions limits, IUnitOfWork unitOfWork, TimeProvider time)
{
    public async Task<Result<ReissueApplication>> HandleAsync(UploadHouseholdPage command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await applications.FindOwnAsync(command.ApplicationId, command.AccountId, cancellationToken) is not { } application)
        {
            return ApplicationProblems.NotFound;
        }

        var region = regions.PolicyOf(application.RegionId);
        if (!region.RequiredDocuments.Contains(RequiredDocument.HouseholdRegisterPage))
        {
            return Problem.Conflict("document_not_required", $"{region.Name}无需上传户口页。");
        }

        var now = time.GetUtcNow();
        var previous = application.HouseholdPageDocumentId;
        application.RequireHouseholdPageAllowed();
        await limiter.LimitAsync($"household-page:{application.Id:N}", limits.HouseholdPageUploadsPerApplicationPerDay, TimeSpan.FromDays(1),
            "household_page_too_frequent", "今日上传户口页次数过多，请{0}后再试。", cancellationToken);
        if (pages.ShowsAPortrait(command.Image))
        {
            return Problem.Invalid("household_page_is_a_portrait", "这张图片是人像照片，不是户口页。请拍摄或扫描户口簿中申请人本人的那一页后上传。", "file");
        }

        await files.RequireQuotaAsync(application.Id, command.Image.Length, limits.StoredBytesPerApplication, previous, cancellationToken);
        application.AttachHouseholdPage(files.AddImage(command.Image, StoredFileKind.HouseholdRegisterPage, application.Id, now), now, Actor.Applicant(command.AccountId));
        await unitOfWork.SaveAsync(cancellationToken);

        // A new page replaces the old one: only the page the officer will see is kept.
        if (previous is { } replaced)
        {
            await files.DeleteAsync(replaced, application.Id, CancellationToken.None);
        }

        return application;
    }
}
