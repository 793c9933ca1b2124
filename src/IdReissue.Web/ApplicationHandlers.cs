using IdReissue.Application.Abuse;
using IdReissue.Application.Accounts;
using IdReissue.Application.Applications;
using IdReissue.Application.Auth;
using IdReissue.Application.Delivery;
using IdReissue.Application.HolderAlerts;
using IdReissue.Application.Officers;
using IdReissue.Application.Payments;
using IdReissue.Application.Photos;
using IdReissue.Application.Production;
using IdReissue.Application.Review;
using IdReissue.Application.ServiceLevel;
using IdReissue.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace IdReissue.Web;

/// <summary>The application layer's handlers, one scope (and unit of work) per request or outbox message.</summary>
public static class ApplicationHandlers
{
    public static IServiceCollection AddApplicationHandlers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PaymentTimings>(configuration, PaymentTimings.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PaymentTimings>>().Value);
        services.AddValidatedOptions<AbuseLimitOptions>(configuration, AbuseLimitOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AbuseLimitOptions>>().Value);
        services.AddValidatedOptions<DeliveryOptions>(configuration, DeliveryOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DeliveryOptions>>().Value);

        services.AddValidatedOptions<HolderAlertOptions>(configuration, HolderAlertOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<HolderAlertOptions>>().Value);

        services.AddScoped<PaymentSettlement>();
        services.AddScoped<PendingOrderClosing>();
        services.AddScoped<OpenPaymentOrderHandler>();
        services.AddScoped<GetCurrentPaymentHandler>();
        services.AddScoped<ApplyPaymentNotificationHandler>();
        services.AddScoped<ReconcilePaymentOrderHandler>();
        services.AddScoped<ListRefundsDueHandler>();
        services.AddScoped<RecordRefundHandler>();
        services.AddScoped<CancelApplicationHandler>();
        services.AddScoped<StartApplicationHandler>();
        services.AddScoped<CheckEligibilityHandler>();
        services.AddScoped<ReportLossHandler>();
        services.AddScoped<QuotePostageHandler>();
        services.AddScoped<GiveAddressHandler>();
        services.AddScoped<UploadHouseholdPageHandler>();
        services.AddScoped<GetApplicationHandler>();
        services.AddScoped<ListApplicationsHandler>();
        services.AddScoped<NotifyApplicantHandler>();
        services.AddScoped<CheckServiceLevelHandler>();

        services.AddScoped<PhotoIntake>();

        services.AddScoped<HolderLinkCode>();
        services.AddScoped<AlertHolderHandler>();
        services.AddScoped<OpenHolderLinkHandler>();
        services.AddScoped<DisownApplicationHandler>();

        services.AddScoped<ProductionExport>();
        services.AddScoped<CreateProductionBatchHandler>();
        services.AddScoped<ListProductionBatchesHandler>();
        services.AddScoped<ExportProductionBatchHandler>();
        services.AddScoped<HandOffProductionBatchHandler>();

        services.AddScoped<OfficerApplications>();
        services.AddScoped<OfficerDecision>();
        services.AddScoped<ListQueuedApplicationsHandler>();
        services.AddScoped<ListQueueViewHandler>();
        services.AddScoped<GetDayDashboardHandler>();
        services.AddScoped<GetReviewEvidenceHandler>();
        services.AddScoped<GetRealPersonFramesHandler>();
        services.AddScoped<GetOfficerApplicationHandler>();
        services.AddScoped<RevealPersonalDataHandler>();
        services.AddScoped<ViewHouseholdPageHandler>();
        services.AddScoped<ViewFaceImagesHandler>();
        services.AddScoped<ApproveApplicationHandler>();
        services.AddScoped<RejectApplicationHandler>();
        services.AddScoped<ClearHolderDenialHandler>();
        services.AddScoped<RequestNewPhotoHandler>();

        services.AddScoped<LoginAttempts>();
        services.AddScoped<SendLoginCodeHandler>();
        services.AddScoped<LogInApplicantHandler>();
        services.AddScoped<LogInOfficerHandler>();

        services.AddValidatedOptions<OfficerOptions>(configuration, OfficerOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<OfficerOptions>>().Value);
        services.AddSingleton<PasswordRules>();
        services.AddScoped<OfficerSignIn>();
        services.AddScoped<VerifySecondFactorHandler>();
        services.AddScoped<BeginSecondFactorEnrolmentHandler>();
        services.AddScoped<ConfirmSecondFactorEnrolmentHandler>();
        services.AddScoped<CompleteOfficerSetupHandler>();
        services.AddScoped<OfficerAdministration>();
        services.AddScoped<CreateOfficerHandler>();
        services.AddScoped<EditOfficerHandler>();
        services.AddScoped<SetOfficerDisabledHandler>();
        services.AddScoped<ResetOfficerHandler>();
        services.AddScoped<UnlockOfficerHandler>();
        services.AddScoped<ListOfficersHandler>();
        services.AddScoped<GetOfficerHandler>();
        services.AddScoped<ListOwnSessionsHandler>();
        services.AddScoped<EndOfficerSessionHandler>();
        services.AddValidatedOptions<OfficerOidcOptions>(configuration, OfficerOidcOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<OfficerOidcOptions>>().Value);
        services.AddScoped<LinkOfficerSsoHandler>();
        services.AddScoped<LogInOfficerBySsoHandler>();

        services.AddScoped<CourierEvents>();
        services.AddScoped<DispatchCardHandler>();
        services.AddScoped<ConfirmDeliveryHandler>();
        services.AddScoped<RecordWaybillUpdateHandler>();
        services.AddScoped<TrackDispatchedCardHandler>();

        services.AddScoped<GetAccountHandler>();
        services.AddScoped<VerifyRealNameHandler>();
        return services;
    }
}
