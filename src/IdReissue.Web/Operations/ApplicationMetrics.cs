using System.Diagnostics.Metrics;
using IdReissue.Application.Ports;
using IdReissue.Infrastructure;

namespace IdReissue.Web.Operations;

/// <summary>
/// The service's own metrics: applications by state (a gauge read from the database at most every
/// 30 seconds, so it is the same on every node), payments, photo checks and missed due dates. One
/// instance for the process: instruments are created once, never per request or per outbox message.
/// </summary>
public sealed class ApplicationMetrics : IPhotoCheckMetrics
{
    private static readonly TimeSpan GaugeRefresh = TimeSpan.FromSeconds(30);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly Counter<long> _payments;
    private readonly Counter<long> _photoChecks;
    private readonly Histogram<double> _photoCheckDuration;
    private readonly Counter<long> _overdue;
    private readonly Counter<long> _photoNumberScans;
    private readonly Lock _gate = new();
    private IReadOnlyList<Measurement<long>> _byState = [];
    private DateTimeOffset _byStateAt = DateTimeOffset.MinValue;

    public ApplicationMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider time)
    {
        _scopes = scopes;
        _time = time;
        var meter = meters.Create(Telemetry.MeterName);
        meter.CreateObservableGauge("idreissue.applications", ApplicationsByState, description: "Applications by state");
        _payments = meter.CreateCounter<long>("idreissue.payments", description: "Payment notifications and queries applied, by channel and outcome");
        _photoChecks = meter.CreateCounter<long>("idreissue.photo_checks", description: "Portrait checks, by verdict");
        _photoCheckDuration = meter.CreateHistogram<double>("idreissue.photo_check.duration", unit: "ms", description: "Portrait check latency");
        _overdue = meter.CreateCounter<long>("idreissue.sla.overdue", description: "Applications not delivered by their due date");
        _photoNumberScans = meter.CreateCounter<long>("idreissue.photo_number.scans_suspected", description: "Clients refused for trying too many unknown photo numbers");
    }

    public void Payment(string channel, string outcome) =>
        _payments.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", outcome));

    public void PhotoCheck(string verdict, TimeSpan duration)
    {
        _photoChecks.Add(1, new KeyValuePair<string, object?>("verdict", verdict));
        _photoCheckDuration.Record(duration.TotalMilliseconds, new KeyValuePair<string, object?>("verdict", verdict));
    }

    public void Overdue(string region) => _overdue.Add(1, new KeyValuePair<string, object?>("region", region));

    public void PhotoNumberScanSuspected() => _photoNumberScans.Add(1);

    private IEnumerable<Measurement<long>> ApplicationsByState()
    {
        lock (_gate)
        {
            if (_time.GetUtcNow() - _byStateAt > GaugeRefresh)
            {
                // A scope of its own: the gauge is read on the exporter's thread, outside any request.
                using var scope = _scopes.CreateScope();
                _byState = [.. scope.ServiceProvider.GetRequiredService<IApplicationStore>().CountByState()
                    .Select(c => new Measurement<long>(c.Count, new KeyValuePair<string, object?>("state", c.State.ToString())))];
                _byStateAt = _time.GetUtcNow();
            }

            return _byState;
        }
    }
}
