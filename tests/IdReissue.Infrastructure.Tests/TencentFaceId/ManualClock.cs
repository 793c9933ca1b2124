namespace IdReissue.Infrastructure.Tests.TencentFaceId;

/// <summary>A clock the test moves by hand, shared by the adapter and the simulator: expiry without sleeping.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
