using System.ComponentModel.DataAnnotations;

namespace IdReissue.Web.Capacity;

/// <summary>
/// `Capacity`: this node's guard for the CPU its photo work costs (docs/operations.md). Unlike the per-client
/// budgets of `Abuse`, kept in the database for every node together, these count on one node only: they bound
/// how much of this node's processors and memory one client, or all anonymous clients together, can take.
/// </summary>
public sealed class CapacityOptions : IValidatableObject
{
    public const string Section = "Capacity";

    /// <summary>A check's cost in tokens: the unit, about 21 ms of the node's processor time with its request (docs/BENCHMARKS.md, flood).</summary>
    [Range(1, 1000, ErrorMessage = "Capacity:CheckCost must be between {1} and {2}.")]
    public int CheckCost { get; set; } = 1;

    /// <summary>A print sheet: eight copies laid out at 300 dpi and encoded, measured at 117 ms, between five and six checks.</summary>
    [Range(1, 1000, ErrorMessage = "Capacity:SheetCost must be between {1} and {2}.")]
    public int SheetCost { get; set; } = 6;

    /// <summary>A fix: the matting network and a full check, measured at 965 ms of processor time, 46 checks.</summary>
    [Range(1, 1000, ErrorMessage = "Capacity:FixCost must be between {1} and {2}.")]
    public int FixCost { get; set; } = 45;

    /// <summary>The IPv6 prefix one anonymous client's budget covers: a subscriber is often given a /56 (or a /48), and
    /// would otherwise have 256 budgets or more to spend.</summary>
    [Range(32, 128, ErrorMessage = "Capacity:Ipv6PrefixLength must be between {1} and {2}.")]
    public int Ipv6PrefixLength { get; set; } = 56;

    /// <summary>Each anonymous client network's token bucket: a studio's burst of six fixes (or 300 checks), then 90 tokens
    /// a minute, two fixes' worth (checks are held to 30 a minute by the database's limit before that).</summary>
    public BudgetOptions AnonymousBudget { get; set; } = new() { TokenLimit = 300, TokensPerPeriod = 15, ReplenishmentPeriod = TimeSpan.FromSeconds(10) };

    /// <summary>Each signed-in account's bucket (applicant or officer): separate from the anonymous ones, and larger.</summary>
    public BudgetOptions SignedInBudget { get; set; } = new() { TokenLimit = 600, TokensPerPeriod = 100, ReplenishmentPeriod = TimeSpan.FromSeconds(10) };

    /// <summary>Anonymous fixes at once; 0: half the processors (at least one), so the rest stay free for signed-in work.</summary>
    public PoolOptions AnonymousFixes { get; set; } = new() { PermitLimit = 0, QueueLimit = 2, QueueTimeout = TimeSpan.FromSeconds(5) };

    /// <summary>Anonymous checks and print sheets at once; 0: half the processors (at least one).</summary>
    public PoolOptions AnonymousChecks { get; set; } = new() { PermitLimit = 0, QueueLimit = 8, QueueTimeout = TimeSpan.FromSeconds(3) };

    /// <summary>Signed-in checks, fixes and sheets at once; 0: as many as there are processors.</summary>
    public PoolOptions SignedIn { get; set; } = new() { PermitLimit = 0, QueueLimit = 16, QueueTimeout = TimeSpan.FromSeconds(10) };

    /// <summary>12-frame face verifications (liveness and comparison) at once; 0: as many as there are processors.</summary>
    public PoolOptions FaceVerifications { get; set; } = new() { PermitLimit = 0, QueueLimit = 8, QueueTimeout = TimeSpan.FromSeconds(10) };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var parts = new (string Name, object Value)[]
        {
            (nameof(AnonymousBudget), AnonymousBudget), (nameof(SignedInBudget), SignedInBudget), (nameof(AnonymousFixes), AnonymousFixes),
            (nameof(AnonymousChecks), AnonymousChecks), (nameof(SignedIn), SignedIn), (nameof(FaceVerifications), FaceVerifications),
        };
        foreach (var (name, value) in parts)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult($"Capacity:{name}:{result.ErrorMessage}", [name]);
            }
        }

        // A token bucket refuses outright (it throws) a request for more tokens than it can ever hold.
        var dearest = Math.Max(FixCost, Math.Max(CheckCost, SheetCost));
        foreach (var (name, budget) in new[] { (nameof(AnonymousBudget), AnonymousBudget), (nameof(SignedInBudget), SignedInBudget) })
        {
            if (budget.TokenLimit < dearest)
            {
                yield return new ValidationResult($"Capacity:{name}:TokenLimit ({budget.TokenLimit}) must hold the dearest request ({dearest} tokens).", [name]);
            }
        }
    }

    /// <summary>The permits a pool's 0 stands for on this machine.</summary>
    public static int Permits(PoolOptions pool, bool halfTheProcessors)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return pool.PermitLimit > 0 ? pool.PermitLimit
            : halfTheProcessors ? Math.Max(1, Environment.ProcessorCount / 2) : Environment.ProcessorCount;
    }
}

public sealed class BudgetOptions
{
    [Range(1, 1_000_000, ErrorMessage = "TokenLimit must be between {1} and {2}.")]
    public int TokenLimit { get; set; }

    [Range(1, 1_000_000, ErrorMessage = "TokensPerPeriod must be between {1} and {2}.")]
    public int TokensPerPeriod { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "ReplenishmentPeriod must be between {1} and {2}.")]
    public TimeSpan ReplenishmentPeriod { get; set; }
}

public sealed class PoolOptions
{
    [Range(0, 4096, ErrorMessage = "PermitLimit must be between {1} and {2} (0: by the processors).")]
    public int PermitLimit { get; set; }

    /// <summary>Requests that may wait for a permit; beyond them the answer is 503 at once. While waiting, a request's
    /// body is not read: it stays with the client (or in the socket's buffers), not in this process.</summary>
    [Range(0, 10_000, ErrorMessage = "QueueLimit must be between {1} and {2}.")]
    public int QueueLimit { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = "QueueTimeout must be between {1} and {2}.")]
    public TimeSpan QueueTimeout { get; set; }
}
