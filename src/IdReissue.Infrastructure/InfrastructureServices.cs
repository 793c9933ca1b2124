using IdReissue.Domain.Cards;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Payments;
using IdReissue.Infrastructure.Calendar;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Photos;
using IdReissue.Infrastructure.Regions;
using IdReissue.Infrastructure.Sandbox;
using IdReissue.Infrastructure.Sandbox.DemoData;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Infrastructure;

public static class InfrastructureServices
{
    /// <summary>Database, regional policies, calendar and the gateways (sandbox by default).</summary>
    public static IServiceCollection AddIdReissueInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("IdReissue") ?? "Data Source=.data/idreissue.db";
        EnsureSqliteDirectory(connectionString);
        services.AddDbContextFactory<IdReissueDbContext>(options => options.UseSqlite(connectionString));

        var dataDirectory = Path.Combine(AppContext.BaseDirectory, "Data");
        var regions = RegionCatalog.LoadDirectory(configuration["Regions:Directory"] ?? Path.Combine(dataDirectory, "regions"));
        services.AddSingleton(regions);
        services.AddSingleton<WorkingDayCalendar>(_ =>
            WorkingDayCalendarFile.Load(configuration["Calendar:File"] ?? Path.Combine(dataDirectory, "calendar", "cn-working-days.json")));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PaymentGateways>();

        services.AddHostedService<DatabaseInitializer>();
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.Section));
        if (configuration.GetValue($"{SandboxOptions.Section}:Enabled", true))
        {
            AddSandboxGateways(services);
        }

        return services;
    }

    private static void AddSandboxGateways(IServiceCollection services)
    {
        services.AddSingleton<SandboxSigner>();
        services.AddSingleton<ISandboxCallbackTarget, ServerCallbackTarget>();
        services.AddSingleton<IHouseholdRegistry, SandboxHouseholdRegistry>();
        services.AddSingleton<IFaceVerification, SandboxFaceVerification>();
        services.AddSingleton<ICourierGateway, SandboxCourierGateway>();
        services.AddSingleton<ISmsSender, SandboxSmsSender>();
        services.AddSingleton<IPortraitCheck, FormatPortraitCheck>();
        foreach (var channel in Enum.GetValues<PaymentChannel>())
        {
            services.AddSingleton<IPaymentGateway>(sp => ActivatorUtilities.CreateInstance<SandboxPaymentGateway>(sp, channel));
        }

        services.AddScoped<SandboxResidentIssuer>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddHttpClient(SandboxCallbackWorker.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<SandboxCallbackWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<SandboxCallbackWorker>());
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
}
