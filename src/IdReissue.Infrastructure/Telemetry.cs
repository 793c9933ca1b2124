using System.Diagnostics;

namespace IdReissue.Infrastructure;

/// <summary>Names of the service's own meter and activity source, for OpenTelemetry.</summary>
public static class Telemetry
{
    public const string MeterName = "IdReissue";

    public static readonly ActivitySource Activities = new("IdReissue");
}
