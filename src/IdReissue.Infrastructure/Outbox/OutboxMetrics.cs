using System.Diagnostics.Metrics;

namespace IdReissue.Infrastructure.Outbox;

/// <summary>Background work counted by kind and result.</summary>
public sealed class OutboxMetrics
{
    private readonly Counter<long> _processed;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _gaveUp;

    public OutboxMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.MeterName);
        _processed = meter.CreateCounter<long>("idreissue.outbox.processed", description: "Outbox messages run, by kind and result");
        _duration = meter.CreateHistogram<double>("idreissue.outbox.duration", unit: "ms", description: "Time to run one outbox message");
        _gaveUp = meter.CreateCounter<long>("idreissue.outbox.given_up", description: "Outbox messages set aside after their last attempt failed, by kind: each needs a person");
    }

    public void GaveUp(string kind) => _gaveUp.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Processed(string kind, string result, TimeSpan duration)
    {
        _processed.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("result", result));
        _duration.Record(duration.TotalMilliseconds, new KeyValuePair<string, object?>("kind", kind));
    }
}
