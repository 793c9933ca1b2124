using IdReissue.Infrastructure.Configuration;

namespace IdReissue.Web.Capacity;

public static class CapacitySetup
{
    public static IServiceCollection AddWorkAdmission(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CapacityOptions>(configuration, CapacityOptions.Section);
        services.AddSingleton<WorkLimiters>();
        return services;
    }

    /// <summary>After authentication (a session has its own budget and pool), before any endpoint reads a body.</summary>
    public static IApplicationBuilder UseWorkAdmission(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        KeepThreadsForEveryoneElse(app.ApplicationServices.GetRequiredService<WorkLimiters>());
        return app.UseMiddleware<WorkAdmissionMiddleware>();
    }

    /// <summary>
    /// The admitted work runs synchronously on thread-pool threads (a fix for about a second). The pool starts with one
    /// thread per core and adds more only after it has seen its queue stall, so on a small machine a fix and a check
    /// would leave every other request waiting for that: the pool is told to keep, without waiting, as many threads as
    /// the pools can hold busy, and the cores besides.
    /// </summary>
    private static void KeepThreadsForEveryoneElse(WorkLimiters limiters)
    {
        var busy = Enum.GetValues<WorkPool>().Sum(pool => limiters[pool].GetStatistics()?.CurrentAvailablePermits ?? 0);
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        // Bounded: a pool configured with thousands of permits should not pre-start thousands of threads.
        var wanted = (int)Math.Min(Environment.ProcessorCount + busy, 256);
        if (workers < wanted)
        {
            ThreadPool.SetMinThreads(wanted, completionPorts);
        }
    }
}
