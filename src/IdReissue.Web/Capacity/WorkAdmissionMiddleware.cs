using System.Security.Claims;
using System.Threading.RateLimiting;
using IdReissue.Application.Auth;
using IdReissue.Web.Abuse;
using IdReissue.Web.Auth;

namespace IdReissue.Web.Capacity;

/// <summary>
/// Admits CPU work (<see cref="CpuWorkAttribute"/>) before its endpoint runs, so before the upload is read: first the
/// caller's budget pays the work's cost in tokens (429 when it cannot), then the work waits for a permit of its pool in a
/// short queue, for at most the pool's timeout (503 when the queue is full or the wait runs out). The ASP.NET Core
/// rate-limiting middleware takes one permit per request and has no queue timeout, so the same limiters are used here
/// directly, with the cost and the timeout.
/// </summary>
public sealed class WorkAdmissionMiddleware(RequestDelegate next, WorkLimiters limiters, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!HttpMethods.IsPost(http.Request.Method) || WorkOf(http) is not { } kind)
        {
            await next(http);
            return;
        }

        var account = SignedInAccount(http.User);
        var cost = limiters.CostOf(kind);
        if (cost > 0)
        {
            var budget = account is null ? limiters.Anonymous : limiters.SignedIn;
            var key = account ?? ClientNetworks.Of(http.Connection.RemoteIpAddress, limiters.Options.Ipv6PrefixLength);
            using var paid = budget.AttemptAcquire(key, cost);
            if (!paid.IsAcquired)
            {
                var period = (account is null ? limiters.Options.AnonymousBudget : limiters.Options.SignedInBudget).ReplenishmentPeriod;
                var wait = paid.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : period;
                await WorkRefusals.OverBudgetAsync(http, wait);
                return;
            }
        }

        var pool = PoolOf(kind, account is not null);
        using var permit = await AdmitAsync(limiters[pool], limiters.OptionsOf(pool).QueueTimeout, http.RequestAborted);
        if (permit is null)
        {
            await WorkRefusals.BusyAsync(http, kind, limiters.OptionsOf(pool).QueueTimeout);
            return;
        }

        await next(http);
    }

    /// <summary>The work this request asks for: an endpoint's own mark, or the mark of the page handler named in the query.</summary>
    private static WorkKind? WorkOf(HttpContext http)
    {
        var marks = http.GetEndpoint()?.Metadata.GetOrderedMetadata<CpuWorkAttribute>();
        if (marks is null || marks.Count == 0)
        {
            return null;
        }

        var handler = http.Request.RouteValues["handler"] as string ?? http.Request.Query["handler"].ToString();
        foreach (var mark in marks)
        {
            if (mark.Handler is null || string.Equals(mark.Handler, handler, StringComparison.OrdinalIgnoreCase))
            {
                return mark.Kind;
            }
        }

        return null;
    }

    /// <summary>The budget key of an applicant's or officer's session; null for anyone else (an officer half-way through
    /// the second factor is not yet signed in).</summary>
    private static string? SignedInAccount(ClaimsPrincipal user)
    {
        var kind = user.FindFirst(SessionClaims.Kind)?.Value;
        return kind is SessionKinds.Applicant or SessionKinds.Officer && user.FindFirst(ClaimTypes.NameIdentifier)?.Value is { } subject
            ? $"{kind}:{subject}"
            : null;
    }

    private static WorkPool PoolOf(WorkKind kind, bool signedIn) => kind switch
    {
        WorkKind.FaceVerification => WorkPool.FaceVerifications,
        _ when signedIn => WorkPool.SignedIn,
        WorkKind.Fix => WorkPool.AnonymousFixes,
        _ => WorkPool.AnonymousChecks,
    };

    /// <summary>A permit at once, or after waiting in the queue for at most <paramref name="timeout"/>; null when the queue is
    /// full (the limiter answers that at once) or the wait ran out.</summary>
    private async Task<RateLimitLease?> AdmitAsync(ConcurrencyLimiter pool, TimeSpan timeout, CancellationToken aborted)
    {
        var lease = pool.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        using var deadline = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, aborted);
        try
        {
            lease = await pool.AcquireAsync(1, either.Token);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            return null;
        }

        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }
}
