using IdReissue.Infrastructure.Configuration;
using IdReissue.Application.Ports;
using IdReissue.Domain.Cards;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Payments;
using IdReissue.Infrastructure.Calendar;
using IdReissue.Infrastructure.FaceVerification;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Stores;
using IdReissue.Infrastructure.Photos;
using IdReissue.Infrastructure.Regions;
using IdReissue.Infrastructure.Retention;
using IdReissue.Infrastructure.Sandbox;
using IdReissue.Infrastructure.TencentFaceId;
using IdReissue.Infrastructure.Sandbox.DemoData;
using IdReissue.Portrait;
using IdReissue.Portrait.Specifications;
using IdReissue.Portrait.Verification;
using IdReissue.Infrastructure.Security;
using IdReissue.Infrastructure.Security.Protection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure;

public static class InfrastructureServices
{
    /// <summary>Database, regional policies, calendar, background work and the gateways (sandbox by default).</summary>
    public static IServiceCollection AddIdReissueInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = configuration.GetConnectionString("IdReissue") ?? "Data Source=.data/idreissue.db";
        if (provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteDirectory(connectionString);
        }

        var algorithm = CipherAlgorithms.Parse(configuration["Security:Algorithm"]);
        services.AddSingleton(new SecurityOptions(algorithm));
        services.AddSingleton(_ => MasterKeyConfiguration.Load(configuration, algorithm));
        services.AddSingleton(sp => new PersonalDataProtector(sp.GetRequiredService<IMasterKeyStore>(), sp.GetRequiredService<TimeProvider>())
        {
            // Only for the one `security reseal` run that seals a database from before encryption (docs/security.md).
            ReadUnsealedValues = configuration.GetValue("Security:ReadUnsealedValues", false),
        });
        services.AddSingleton<KeyRingStore>();
        services.AddSingleton<PersonalDataResealer>();
        services.AddSingleton(_ => AuditChainKey.Load(configuration));
        services.AddSingleton(sp => new AuditAnchors(sp.GetRequiredService<AuditChainKey>(), AuditAnchors.FileFrom(configuration),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<AuditAnchors>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<AbuseLimiter>();
        services.AddDbContextFactory<IdReissueDbContext>((sp, options) => options.UseIdReissueDatabase(provider, connectionString)
            .UsePersonalDataProtection(sp.GetRequiredService<PersonalDataProtector>(), sp.GetRequiredService<AuditChainKey>()));

        // First of the hosted services, so the schema exists before data protection loads its key ring from it.
        services.AddHostedService<DatabaseInitializer>();
        services.AddHostedService<AuditAnchorService>();
        services.AddDataProtection().SetApplicationName("IdReissue").PersistKeysToDbContext<IdReissueDbContext>();
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<PersonalDataProtector>((options, protector) => options.XmlEncryptor = new SealedXmlEncryptor(protector));

        var dataDirectory = Path.Combine(AppContext.BaseDirectory, "Data");
        var regions = RegionCatalog.LoadDirectory(configuration["Regions:Directory"] ?? Path.Combine(dataDirectory, "regions"));
        services.AddSingleton(regions);
        services.AddSingleton<IRegionPolicies>(regions);
        services.AddSingleton<WorkingDayCalendar>(_ =>
            WorkingDayCalendarFile.Load(configuration["Calendar:File"] ?? Path.Combine(dataDirectory, "calendar", "cn-working-days.json")));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PaymentGateways>();
        services.AddSingleton<IPaymentGateways>(sp => sp.GetRequiredService<PaymentGateways>());
        AddStores(services);
        services.AddSingleton(_ => new PortraitEngine(ModelLocation.Find(), SpecificationCatalog.Load(ModelLocation.SpecificationDirectory)));
        services.AddValidatedOptions<FaceVerificationOptions>(configuration, FaceVerificationOptions.Section);
        services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<FaceVerificationOptions>>().Value;
            var policy = FaceMatchPolicy.Default;
            return new FaceMatcher(sp.GetRequiredService<PortraitEngine>(), ModelLocation.Find(),
                new FaceMatchPolicy(configured.SameAtLeast ?? policy.SameAtLeast, configured.DifferentBelow ?? policy.DifferentBelow));
        });
        services.AddSingleton<IFaceVerification, RegistryFaceVerification>();
        services.AddSingleton(sp => new IdReissue.Portrait.Liveness.LivenessJudge(sp.GetRequiredService<FaceMatcher>()));
        services.AddSingleton<ILivenessChallengeSource, RandomLivenessChallenges>();
        // The presentation-attack nets score the verified frame for the officer; they gate nothing (docs/portrait.md).
        services.AddSingleton(_ => IdReissue.Portrait.Faces.PresentationAttackNet.Load(ModelLocation.Find()));
        services.AddSingleton<LocalRealPersonVerification>();
        services.AddSingleton<RealPersonChannels>();
        var certifiedProvider = services.AddTencentFaceId(configuration);
        services.AddValidatedOptions<RetentionOptions>(configuration, RetentionOptions.Section);
        services.AddSingleton<ClosedApplicationFiles>();
        services.AddHostedService(sp => sp.GetRequiredService<ClosedApplicationFiles>());
        services.AddSingleton<IPortraitCheck, EnginePortraitCheck>();
        services.AddSingleton<IHouseholdPageCheck, EngineHouseholdPageCheck>();
        // The photo fixer's matting model (~90 MB) loads on the first fix, not at start-up: most instances never fix.
        services.AddSingleton(sp => new IdReissue.Portrait.Fixing.PhotoFixer(sp.GetRequiredService<PortraitEngine>(), ModelLocation.Find()));

        services.AddValidatedOptions<OutboxOptions>(configuration, OutboxOptions.Section);
        services.AddSingleton<OutboxMetrics>();
        services.AddSingleton<OutboxProcessor>();
        if (configuration.GetValue($"{OutboxOptions.Section}:Enabled", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboxProcessor>());
        }

        var (realChannels, realSms) = ConfiguredGateways.Add(services, configuration);
        services.AddValidatedOptions<SandboxOptions>(configuration, SandboxOptions.Section);
        // Only where asked for by name (appsettings.json does, for ./run.sh): a deployment that forgot the
        // setting gets no stand-in gateways, and fails at start-up for want of real ones.
        if (configuration.GetValue($"{SandboxOptions.Section}:Enabled", false))
        {
            AddSandboxGateways(services, realChannels, realSms, certifiedProvider);
            // The sandbox's tables, in a context (and migrations) of their own: a host without the sandbox has none.
            services.AddDbContextFactory<SandboxDbContext>((sp, options) => options.UseSandboxDatabase(provider, connectionString)
                .UsePersonalDataProtection(sp.GetRequiredService<PersonalDataProtector>(), sp.GetRequiredService<AuditChainKey>()));
            services.AddScoped<SandboxConsole>();
        }

        return services;
    }

    /// <summary>The sandbox stands in for every external system, except the channels and SMS a real gateway is configured for.</summary>
    private static void AddSandboxGateways(IServiceCollection services, IReadOnlySet<PaymentChannel> realChannels, bool realSms, bool certifiedProvider)
    {
        services.AddSingleton<SandboxLivenessClips>();
        services.AddSingleton<ILivenessChallengeSource, SandboxLivenessChallenges>();
        services.AddSingleton<SandboxFaceIdVerification>();
        if (!certifiedProvider)
        {
            services.AddSingleton<IRealPersonVerification>(sp => sp.GetRequiredService<SandboxFaceIdVerification>());
        }

        services.AddSingleton<SandboxSigner>();
        services.AddSingleton<ISandboxCallbackTarget, ServerCallbackTarget>();
        services.AddSingleton<IHouseholdRegistry, SandboxHouseholdRegistry>();
        services.AddSingleton<IRegistryPhotos, SandboxRegistryPhotos>();
        services.AddSingleton<ICourierGateway, SandboxCourierGateway>();
        if (!realSms)
        {
            services.AddSingleton<ISmsSender, SandboxSmsSender>();
        }

        services.AddSingleton<IProductionCentre, SandboxProductionCentre>();
        foreach (var channel in Enum.GetValues<PaymentChannel>().Where(c => !realChannels.Contains(c)))
        {
            services.AddSingleton<IPaymentGateway>(sp => ActivatorUtilities.CreateInstance<SandboxPaymentGateway>(sp, channel));
        }

        services.AddScoped<SandboxResidentIssuer>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddHttpClient(SandboxCallbackHandler.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<IOutboxHandler, SandboxCallbackHandler>();
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:" && directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>The application layer's ports over the request's DbContext (one unit of work per scope).</summary>
    private static void AddStores(IServiceCollection services)
    {
        services.AddScoped<IUnitOfWork, EfUnitOfWork>();
        services.AddScoped<IApplicationStore, EfApplicationStore>();
        services.AddScoped<IApplicantAccountStore, EfApplicantAccountStore>();
        services.AddScoped<IFileStore, EfFileStore>();
        services.AddScoped<IPhotoSubmissionStore, EfPhotoSubmissionStore>();
        services.AddScoped<IReviewReadModel, EfReviewReadModel>();
        services.AddScoped<IReviewEvidence, EfReviewEvidence>();
        services.AddScoped<ISmsCodeStore, EfSmsCodeStore>();
        services.AddScoped<ISessionStore, EfSessionStore>();
        services.AddScoped<IIdempotencyKeys, EfIdempotencyKeys>();
        services.AddScoped<IOfficerAccountStore, EfOfficerAccountStore>();
        services.AddSingleton<IOfficerSecrets, Security.OfficerSecrets>();
        services.AddSingleton<IBlindIndexes, BlindIndexes>();
        services.AddScoped<IProductionBatchStore, EfProductionBatchStore>();
        services.AddScoped<IPaymentOrderStore, EfPaymentOrderStore>();
        services.AddScoped<INotificationLedger, EfNotificationLedger>();
        services.AddScoped<IOutbox, EfOutbox>();
        services.AddScoped<IAbuseLimiter>(sp => sp.GetRequiredService<AbuseLimiter>());
        services.AddScoped<AuditTrail>();
        services.AddScoped<IAuditLog>(sp => sp.GetRequiredService<AuditTrail>());
    }
}
