using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IdReissue.Web.Tests;

/// <summary>
/// The real service on a loopback port (Kestrel, not an in-memory server), so the sandbox gateways
/// call it back over HTTP as they would in production. Each fixture has its own SQLite database.
/// </summary>
public class ServiceFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("idreissue-tests-");

    private readonly Dictionary<string, string> _settings = [];

    public ServiceFixture()
    {
        SigningKey = RandomNumberGenerator.GetBytes(32);
        UseKestrel(0);
    }

    /// <summary>A fixture with some settings of its own (a limit under test), applied after the defaults.</summary>
    protected ServiceFixture(IReadOnlyDictionary<string, string> settings)
        : this()
    {
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    /// <summary>The sandbox gateways' signing key, so tests can forge (or sign) notifications.</summary>
    public byte[] SigningKey { get; }

    /// <summary>The master key the data keys are wrapped with (from configuration, as in production).</summary>
    public byte[] MasterKey { get; } = RandomNumberGenerator.GetBytes(32);

    public string DataDirectory => _dataDirectory.FullName;

    /// <summary>This fixture's own database: a SQLite file in <see cref="DataDirectory"/>, or a database of its own on the PostgreSQL server.</summary>
    public string ConnectionString => _connectionString ??= Provider == "Sqlite"
        ? $"Data Source={Path.Combine(_dataDirectory.FullName, "idreissue.db")}"
        : new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer) { Database = $"idreissue_test_{Guid.NewGuid():N}" }.ConnectionString;

    private string? _connectionString;

    /// <summary>The connection string the service itself is given: the same database, reached directly unless a fixture puts something between.</summary>
    protected virtual string ServiceConnectionString => ConnectionString;

    /// <summary>Where the audit chain's anchors are written: outside the database, per fixture.</summary>
    public string AuditAnchorFile => Path.Combine(_dataDirectory.FullName, "audit-anchors.log");

    public string LoginsFile => Path.Combine(_dataDirectory.FullName, "demo-logins.txt");

    public Api Api { get; private set; } = null!;

    /// <summary>"Sqlite" unless IDREISSUE_TEST_POSTGRES holds a PostgreSQL connection string (./test.sh runs the suite both ways).</summary>
    public static string Provider => string.IsNullOrEmpty(PostgresServer) ? "Sqlite" : "PostgreSql";

    private static string? PostgresServer => Environment.GetEnvironmentVariable("IDREISSUE_TEST_POSTGRES");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:IdReissue", ServiceConnectionString);
        builder.UseSetting("DemoData:LoginsFile", LoginsFile);
        builder.UseSetting("Sandbox:SigningKey", Convert.ToBase64String(SigningKey));
        builder.UseSetting("Security:MasterKeys:test-1", Convert.ToBase64String(MasterKey));
        builder.UseSetting("Security:ActiveMasterKey", "test-1");
        builder.UseSetting("Security:AuditAnchorFile", AuditAnchorFile);
        builder.UseSetting("Sandbox:DemoResidentsPerRegion", "2");
        builder.UseSetting("Sandbox:NotificationDelay", "00:00:00.100");
        builder.UseSetting("Sandbox:RetryScale", "0.01");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.050");
        builder.UseSetting("Sandbox:CourierPickUpDelay", "00:00:00.100");
        builder.UseSetting("Sandbox:CourierInTransitDelay", "00:00:00.200");
        builder.UseSetting("Sandbox:CourierDeliveredDelay", "00:00:00.300");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Every test client shares one loopback address; the per-address limits get their own tests.
        builder.UseSetting("Abuse:SmsPerClientPerMinute", "100000");
        builder.UseSetting("Abuse:SmsPerClientPerDay", "100000");
        builder.UseSetting("Abuse:PortraitChecksPerClientPerMinute", "100000");
        builder.UseSetting("Abuse:PhotoNumberRequestsPerClientPerMinute", "100000");
        builder.UseSetting("Abuse:PhotoNumberMissesPerClientPerHour", "100000");
        builder.UseSetting("Abuse:LoginFailuresPerClientPerHour", "100000");
        builder.UseSetting("Abuse:FaceVerificationsPerClientPerDay", "100000");
        // The same for this node's CPU budgets and pools: tests run many requests at once, from one address.
        builder.UseSetting("Capacity:AnonymousBudget:TokenLimit", "1000000");
        builder.UseSetting("Capacity:AnonymousBudget:TokensPerPeriod", "1000000");
        builder.UseSetting("Capacity:SignedInBudget:TokenLimit", "1000000");
        builder.UseSetting("Capacity:SignedInBudget:TokensPerPeriod", "1000000");
        foreach (var pool in new[] { "AnonymousFixes", "AnonymousChecks", "SignedIn", "FaceVerifications" })
        {
            builder.UseSetting($"Capacity:{pool}:QueueLimit", "10000");
            builder.UseSetting($"Capacity:{pool}:QueueTimeout", "00:10:00");
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    Task IAsyncLifetime.InitializeAsync()
    {
        StartServer();
        Api = new Api(CreateClient(), this);
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            _dataDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>The demo password of a seeded officer.</summary>
    public string OfficerPassword(string username) =>
        File.ReadLines(LoginsFile).Select(l => l.Split(' ')).First(f => f.Length > 2 && f[0] == "officer" && f[1] == username)[2];

    /// <summary>A file of the shared portrait development set (real photos, labelled).</summary>
    public static byte[] DevSetPhoto(string name) => File.ReadAllBytes(DevSetPath(name));

    public static string DevSetPath(string name)
    {
        var path = Path.Combine(Path.GetDirectoryName(RepositoryRoot)!, "shared", "portrait-dev-set", name);
        return File.Exists(path) ? path : throw new FileNotFoundException("The shared portrait development set must sit beside the repository.", path);
    }

    /// <summary>A file of another shared set of real photos (face-pairs, portrait-calibration-set).</summary>
    public static byte[] SharedPhoto(string set, string name) => File.ReadAllBytes(SharedPath(set, name));

    public static string SharedPath(string set, string name)
    {
        var path = Path.Combine(Path.GetDirectoryName(RepositoryRoot)!, "shared", set, name);
        return File.Exists(path) ? path : throw new FileNotFoundException("The shared photo sets must sit beside the repository.", path);
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IdReissue.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Tests run inside the repository.");
    }
}

[CollectionDefinition(Name)]
public sealed class SharedService : ICollectionFixture<ServiceFixture>
{
    public const string Name = "service";
}
