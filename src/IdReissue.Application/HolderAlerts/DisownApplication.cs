using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;

namespace IdReissue.Application.HolderAlerts;

/// <summary>"不是我本人": the holder, through the texted link, stops an application made in their name.</summary>
public sealed record DisownApplication(string? Code, string ClientKey);

/// <summary>The stop is audited and puts the application before an officer; a step the applicant saves at the same moment is retried around, so the stop is never lost.</summary>
public sealed class DisownApplicationHandler(OpenHolderLinkHandler open, IApplicationStore applications, IAuditLog audit, IUnitOfWork unitOfWork, TimeProvider time)
{
    public const string HeldMessage = "证件登记的持有人已声明“不是我本人办理”，申请已暂停，由公安机关核查。如确为本人办理，请携带户口簿到公安机关窗口办理。";

    private const int Attempts = 3;

    private static readonly Actor Holder = Actor.Holder("sms-link");

    public async Task<Result<ReissueApplication>> HandleAsync(DisownApplication command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var opened = await open.HandleAsync(new OpenHolderLink(command.Code, command.ClientKey), cancellationToken);
        if (!opened.Succeeded)
        {
            return opened;
        }

        var application = opened.Value;
        for (var attempt = 1; ; attempt++)
        {
            var held = application.HeldAsSuspectedImpersonation;
            application.RecordHolderDenial(time.GetUtcNow());
            if (!held)
            {
                audit.Record(Holder, "application.holder-denied", application.ApplicationNumber, $"state {application.State}");
            }

            if (attempt == Attempts)
            {
                await unitOfWork.SaveAsync(cancellationToken);
                return application;
            }

            if (await unitOfWork.TrySaveAsync(cancellationToken))
            {
                return application;
            }

            application = await applications.FindAsync(application.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Application {application.ApplicationNumber} vanished while being stopped.");
        }
    }
}
