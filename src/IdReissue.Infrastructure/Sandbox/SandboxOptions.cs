namespace IdReissue.Infrastructure.Sandbox;

/// <summary>Configuration section "Sandbox": how the embedded stand-ins for external systems behave.</summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    /// <summary>Use the sandbox gateways (the embedded default). Production turns this off and configures real adapters.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Base64 HMAC key the sandbox gateways sign with. When empty, one is generated and kept in the database.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Where the sandbox gateways call the service back; defaults to the address the service listens on.</summary>
    public string? CallbackBaseUrl { get; set; }

    /// <summary>Delay between a payment at the sandbox cashier and its notification.</summary>
    public TimeSpan NotificationDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Send each payment notification twice, as real gateways sometimes do.</summary>
    public bool DuplicateNotifications { get; set; } = true;

    /// <summary>Multiplies the gateways' retry schedule (15 s, 15 s, 30 s, 3 min, ...); tests shrink it.</summary>
    public double RetryScale { get; set; } = 1.0;

    public TimeSpan CourierPickUpDelay { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan CourierInTransitDelay { get; set; } = TimeSpan.FromSeconds(6);

    public TimeSpan CourierDeliveredDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The folder of real face photos the sandbox registry's photos (人口库照片) come from, with an
    /// identities.csv (file,person). Unset: ../shared/face-pairs beside the repository.
    /// </summary>
    public string? RegistryPhotoDirectory { get; set; }

    /// <summary>Demo residents generated per region and eligible profile at start-up.</summary>
    public int DemoResidentsPerRegion { get; set; } = 20;
}
