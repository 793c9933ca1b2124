using System.Globalization;
using System.Security.Cryptography;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;

namespace IdReissue.Application.Applications;

/// <summary>挂失: the applicant reports the card lost, where and about when; the registry cancels the card.</summary>
public sealed record ReportLoss(Guid ApplicationId, Guid AccountId, string? Place, DateTimeOffset? LostAt, bool ReceiptWanted);

public sealed class ReportLossHandler(IApplicationStore applications, IHouseholdRegistry registry, IUnitOfWork unitOfWork, TimeProvider time)
{
    public async Task<Result<ReissueApplication>> HandleAsync(ReportLoss command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await applications.FindOwnAsync(command.ApplicationId, command.AccountId, cancellationToken) is not { } application)
        {
            return ApplicationProblems.NotFound;
        }

        if (command.LostAt is not { } lostAt)
        {
            throw new DomainException("loss_time_required", "请填写证件遗失的大致时间。");
        }

        var now = time.GetUtcNow();
        var receiptNumber = string.Create(CultureInfo.InvariantCulture, $"GS{ChinaTime.DateOf(now):yyyyMMdd}{RandomNumberGenerator.GetInt32(0, 100_000_000):D8}");
        application.ReportLoss(new LossReport
        {
            ReceiptNumber = receiptNumber,
            Place = (command.Place ?? string.Empty).Trim(),
            LostAt = lostAt.ToUniversalTime(),
            ReportedAt = now,
            ReceiptWanted = command.ReceiptWanted,
        }, now, Actor.Applicant(command.AccountId));

        // The registry is told first: if it fails nothing is saved here and the applicant retries.
        await registry.MarkCardLostAsync(application.CitizenId, receiptNumber, cancellationToken);
        await unitOfWork.SaveAsync(cancellationToken);
        return application;
    }
}
