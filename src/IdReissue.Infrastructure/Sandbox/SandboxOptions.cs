using System.ComponentModel.DataAnnotations;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>Configuration section "Sandbox": how the embedded stand-ins for external systems behave.</summary>
public sealed class SandboxOptions : IValidatableObject
{
    public const string Section = "Sandbox";

    /// <summary>Use the sandbox gateways (the embedded default). Production turns this off and configures real adapters.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Base64 HMAC key the sandbox gateways sign with. When empty, one is generated and kept in the database.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Where the sandbox gateways call the service back; defaults to the address the service listens on.</summary>
    public string? CallbackBaseUrl { get; set; }

    /// <summary>Delay between a payment at the sandbox cashier and its notification.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Sandbox:NotificationDelay must be between {1} and {2}.")]
    public TimeSpan NotificationDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Send each payment notification twice, as real gateways sometimes do.</summary>
    public bool DuplicateNotifications { get; set; } = true;

    /// <summary>Multiplies the gateways' retry schedule (15 s, 15 s, 30 s, 3 min, ...); tests shrink it.</summary>
    [Range(0.0001, 100.0, ErrorMessage = "Sandbox:RetryScale must be between {1} and {2}.")]
    public double RetryScale { get; set; } = 1.0;

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Sandbox:CourierPickUpDelay must be between {1} and {2}.")]
    public TimeSpan CourierPickUpDelay { get; set; } = TimeSpan.FromSeconds(3);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Sandbox:CourierInTransitDelay must be between {1} and {2}.")]
    public TimeSpan CourierInTransitDelay { get; set; } = TimeSpan.FromSeconds(6);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Sandbox:CourierDeliveredDelay must be between {1} and {2}.")]
    public TimeSpan CourierDeliveredDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The folder of real face photos the sandbox registry's photos (人口库照片) come from, with an
    /// identities.csv (file,person). Unset: ../shared/face-pairs beside the repository.
    /// </summary>
    public string? RegistryPhotoDirectory { get; set; }

    /// <summary>Demo residents generated per region and eligible profile at start-up.</summary>
    [Range(0, 10000, ErrorMessage = "Sandbox:DemoResidentsPerRegion must be between {1} and {2}.")]
    public int DemoResidentsPerRegion { get; set; } = 20;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(SigningKey) && (!Convert.TryFromBase64String(SigningKey, new byte[SigningKey.Length], out var length) || length < 16))
        {
            yield return new ValidationResult("Sandbox:SigningKey must be base64 of at least 16 bytes (or unset: one is generated).", [nameof(SigningKey)]);
        }

        if (!string.IsNullOrWhiteSpace(CallbackBaseUrl) && !Uri.TryCreate(CallbackBaseUrl, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Sandbox:CallbackBaseUrl must be an absolute address.", [nameof(CallbackBaseUrl)]);
        }
    }
}
