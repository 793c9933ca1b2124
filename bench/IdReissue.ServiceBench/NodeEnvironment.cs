namespace IdReissue.ServiceBench;

/// <summary>The configuration both harnesses give their service nodes: fast sandbox gateways and short
/// background-work delays, so a run of minutes exercises retries, reconciliation and tracking.</summary>
public static class NodeEnvironment
{
    /// <summary>One master key for every node of a run, as a deployment gives all nodes the same key.</summary>
    private static readonly string MasterKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static Dictionary<string, string> For(string provider, string connectionString, string logs, string webDll) => new()
    {
        ["ASPNETCORE_CONTENTROOT"] = Path.GetDirectoryName(Path.GetFullPath(webDll))!,
        ["Database__Provider"] = provider,
        ["ConnectionStrings__IdReissue"] = connectionString,
        ["DemoData__LoginsFile"] = Path.Combine(logs, "demo-logins.txt"),
        ["Sandbox__DemoResidentsPerRegion"] = "2",
        ["Sandbox__NotificationDelay"] = "00:00:00.500",
        ["Sandbox__DuplicateNotifications"] = "true",
        ["Sandbox__RetryScale"] = "0.05",
        ["Sandbox__CourierPickUpDelay"] = "00:00:01",
        ["Sandbox__CourierInTransitDelay"] = "00:00:02",
        ["Sandbox__CourierDeliveredDelay"] = "00:00:03",
        ["Payments__ReconcileAfter"] = "00:00:05",
        ["Delivery__TrackEvery"] = "00:00:04",
        ["Outbox__Lease"] = "00:00:05",
        ["Outbox__PollInterval"] = "00:00:00.200",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Security__MasterKeys__bench"] = MasterKey,
        ["Security__ActiveMasterKey"] = "bench",
        // All simulated applicants come from one loopback address.
        ["Abuse__SmsPerClientPerMinute"] = "1000000",
        ["Abuse__SmsPerClientPerDay"] = "1000000",
        ["Abuse__PortraitChecksPerClientPerMinute"] = "1000000",
        ["Abuse__LoginFailuresPerClientPerHour"] = "1000000",
        ["Abuse__PhotoNumberRequestsPerClientPerMinute"] = "1000000",
        // Taken up front and given back on a hit: 32 applicants uploading at once from one address would pass 10.
        ["Abuse__PhotoNumberMissesPerClientPerHour"] = "1000000",
        ["Abuse__FaceVerificationsPerClientPerDay"] = "1000000",
        // A production-like node on PostgreSQL: the sandbox and its log-in code inbox must be asked for by name.
        ["Sandbox__Enabled"] = "true",
        ["Sandbox__SmsInbox"] = "true",
    };
}
