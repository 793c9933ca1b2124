using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Capacity;

/// <summary>
/// This node's limiters for CPU work (System.Threading.RateLimiting): a token bucket per anonymous client network and
/// one per signed-in account, from which a request takes as many tokens as its work costs, and a concurrency limiter
/// with a short queue per pool. Idle buckets are dropped by the partitioned limiter, so a flood of fresh addresses
/// leaves nothing behind.
/// </summary>
public sealed class WorkLimiters : IDisposable
{
    private readonly Dictionary<WorkPool, ConcurrencyLimiter> _pools;

    public WorkLimiters(IOptions<CapacityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        Anonymous = Buckets(Options.AnonymousBudget);
        SignedIn = Buckets(Options.SignedInBudget);
        _pools = new()
        {
            [WorkPool.AnonymousFixes] = Pool(Options.AnonymousFixes, halfTheProcessors: true),
            [WorkPool.AnonymousChecks] = Pool(Options.AnonymousChecks, halfTheProcessors: true),
            [WorkPool.SignedIn] = Pool(Options.SignedIn, halfTheProcessors: false),
            [WorkPool.FaceVerifications] = Pool(Options.FaceVerifications, halfTheProcessors: false),
        };
    }

    public CapacityOptions Options { get; }

    /// <summary>Keyed by client network (IPv4 address, IPv6 prefix).</summary>
    public PartitionedRateLimiter<string> Anonymous { get; }

    /// <summary>Keyed by session kind and subject.</summary>
    public PartitionedRateLimiter<string> SignedIn { get; }

    public ConcurrencyLimiter this[WorkPool pool] => _pools[pool];

    public PoolOptions OptionsOf(WorkPool pool) => pool switch
    {
        WorkPool.AnonymousFixes => Options.AnonymousFixes,
        WorkPool.AnonymousChecks => Options.AnonymousChecks,
        WorkPool.SignedIn => Options.SignedIn,
        _ => Options.FaceVerifications,
    };

    public int CostOf(WorkKind kind) => kind switch
    {
        WorkKind.Check => Options.CheckCost,
        WorkKind.Sheet => Options.SheetCost,
        WorkKind.Fix => Options.FixCost,
        _ => 0,
    };

    public void Dispose()
    {
        Anonymous.Dispose();
        SignedIn.Dispose();
        foreach (var pool in _pools.Values)
        {
            pool.Dispose();
        }
    }

    private static PartitionedRateLimiter<string> Buckets(BudgetOptions budget) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = budget.TokenLimit,
            TokensPerPeriod = budget.TokensPerPeriod,
            ReplenishmentPeriod = budget.ReplenishmentPeriod,
            // A request over budget is refused at once with the time to wait; waiting here would hold its connection.
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private static ConcurrencyLimiter Pool(PoolOptions pool, bool halfTheProcessors) => new(new ConcurrencyLimiterOptions
    {
        PermitLimit = CapacityOptions.Permits(pool, halfTheProcessors),
        QueueLimit = pool.QueueLimit,
        // Oldest first: a full queue refuses the newcomer rather than evicting someone who has already waited.
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });
}
