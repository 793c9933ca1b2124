using System.Diagnostics;
using System.Globalization;
using System.Net;
using IdReissue.Web.Tests.Gateways;
using Npgsql;

namespace IdReissue.ServiceBench;

/// <summary>
/// The crash and scale test: two service nodes on one PostgreSQL, many concurrent applicants through the
/// whole journey, one node killed with SIGKILL in the middle and restarted, then every invariant checked.
/// With --wechatpay-simulator the WeChat Pay channel is the real WeChat Pay adapter talking to the WeChat Pay
/// simulator (signed requests, encrypted notifications) instead of the sandbox.
/// With --database-outage SECONDS the PostgreSQL server is stopped that long while the officers work (see below).
/// Usage: crash --postgres CONNECTION --web PATH/IdReissue.Web.dll --photo FILE [--applicants N] [--logs DIR] [--wechatpay-simulator]
///   [--database-outage SECONDS --postgres-control SCRIPT]
/// </summary>
public static class CrashTest
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Arguments.Parse(args);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(options.TimeoutMinutes));
        var stopwatch = Stopwatch.StartNew();

        var database = $"idreissue_crash_{DateTime.UtcNow:yyyyMMddHHmmss}";
        var connectionString = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = database, MaxPoolSize = 60 }.ConnectionString;
        Directory.CreateDirectory(options.Logs);
        var environment = NodeEnvironment.For("PostgreSql", connectionString, options.Logs, options.Web);
        await using var weChat = options.WeChatPaySimulator ? new WeChatPaySimulator() : null;
        if (weChat is not null)
        {
            // The adapter's own resilience defaults, not the unit tests' short timeouts.
            foreach (var (key, value) in weChat.Settings.Where(s => !s.Key.Contains(":Resilience:", StringComparison.Ordinal)))
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            Console.WriteLine($"WeChat Pay: the real adapter against the simulator at {weChat.Settings["WeChatPay:BaseUrl"]}");
        }

        using var nodeA = new ServiceNode("node-a", options.Web, options.FirstPort, environment, options.Logs);
        using var nodeB = new ServiceNode("node-b", options.Web, options.FirstPort + 1, environment, options.Logs);
        Console.WriteLine($"Starting two nodes on PostgreSQL database {database} ...");
        await nodeA.StartAsync(cancel.Token);
        await nodeB.StartAsync(cancel.Token);
        using var client = new FailoverClient([nodeA, nodeB]);
        var photo = await File.ReadAllBytesAsync(options.Photo, cancel.Token);

        // Phase 1: applicants to review; node A is killed once 40 % of them have paid.
        var paid = 0;
        var killAt = Math.Max(1, options.Applicants * 2 / 5);
        var killed = new TaskCompletionSource();
        var runs = Enumerable.Range(0, options.Applicants).Select(i => new ApplicantRun(client, i, photo, () =>
        {
            if (Interlocked.Increment(ref paid) == killAt)
            {
                killed.TrySetResult();
            }
        }, weChat)).ToList();

        var killer = Task.Run(async () =>
        {
            await killed.Task.WaitAsync(cancel.Token);
            Console.WriteLine($"[{stopwatch.Elapsed:mm\\:ss}] {paid} paid: SIGKILL node-a");
            nodeA.Kill();
            await Task.Delay(TimeSpan.FromSeconds(3), cancel.Token);
            await nodeA.StartAsync(cancel.Token);
            Console.WriteLine($"[{stopwatch.Elapsed:mm\\:ss}] node-a restarted");
        }, cancel.Token);

        using var gate = new SemaphoreSlim(options.Concurrency);
        var failures = new List<string>();
        await Task.WhenAll(runs.Select(async run =>
        {
            await gate.WaitAsync(cancel.Token);
            try
            {
                await run.RunToReviewAsync(cancel.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lock (failures)
                {
                    failures.Add($"applicant {runs.IndexOf(run)} at {run.Stage}: {e.Message}");
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        await killer;
        Console.WriteLine($"[{stopwatch.Elapsed:mm\\:ss}] {runs.Count - failures.Count} of {runs.Count} applicants under review ({client.Failovers} requests failed over)");

        // With --database-outage, PostgreSQL stops (as a crashed server does) while the officers begin their work and
        // comes back after the given seconds: every request meanwhile must be a 503 to retry, none a 500, and the
        // work must then finish once. The officers' first requests are made during the outage, so it cannot be missed.
        var outage = Task.CompletedTask;
        if (options.DatabaseOutageSeconds > 0)
        {
            await ControlPostgresAsync(options, "stop", cancel.Token);
            Console.WriteLine($"[{stopwatch.Elapsed:mm\\:ss}] PostgreSQL stopped for {options.DatabaseOutageSeconds} s");
            outage = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(options.DatabaseOutageSeconds), cancel.Token);
                await ControlPostgresAsync(options, "start", cancel.Token);
                Console.WriteLine($"[{stopwatch.Elapsed:mm\\:ss}] PostgreSQL started again ({client.OutageRefusals} requests refused to retry meanwhile)");
            }, cancel.Token);
        }

        // Phase 2: officers approve, produce and dispatch through the API; the courier delivers.
        var reviewing = runs.Where(r => r.ApplicationId is not null && r.Stage == "under review").ToList();
        foreach (var region in reviewing.Select(r => r.Region).Distinct())
        {
            var password = File.ReadLines(Path.Combine(options.Logs, "demo-logins.txt")).Select(l => l.Split(' '));
            string Login(string user) => password.First(f => f[0] == "officer" && f[1] == user)[2];
            var reviewer = (await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/auth/officer-sessions", json: new { username = $"{region}-review", password = Login($"{region}-review") }))["token"]!.GetValue<string>();
            var producer = (await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/auth/officer-sessions", json: new { username = $"{region}-production", password = Login($"{region}-production") }))["token"]!.GetValue<string>();
            var mine = reviewing.Where(r => r.Region == region).ToList();
            await Parallel.ForEachAsync(mine, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancel.Token }, async (run, token) =>
                await client.SendAsync(HttpMethod.Post, $"/api/officer/applications/{run.ApplicationId}/approve", reviewer, cancellationToken: token));
            await client.SendAsync(HttpMethod.Post, "/api/officer/production-batches", producer, new { }, idempotencyKey: Guid.NewGuid().ToString(), cancellationToken: cancel.Token);
            await Parallel.ForEachAsync(mine, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancel.Token }, async (run, token) =>
                await client.SendAsync(HttpMethod.Post, $"/api/officer/applications/{run.ApplicationId}/dispatch", producer, cancellationToken: token));
        }

        await Parallel.ForEachAsync(reviewing, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancel.Token }, async (run, token) =>
        {
            try
            {
                await run.WaitForAsync(s => s == "Delivered", TimeSpan.FromMinutes(2), token);
            }
            catch (TimeoutException e)
            {
                lock (failures)
                {
                    failures.Add(e.Message);
                }
            }
        });
        await outage;
        Console.WriteLine($"[{stopwatch.Elapsed:mm\\:ss}] journeys finished; letting background work drain");
        await Task.Delay(TimeSpan.FromSeconds(8), cancel.Token);

        var violations = await Invariants.CheckAsync(connectionString, options.Applicants, cancel.Token);
        if (weChat is not null)
        {
            violations.AddRange(await Invariants.CheckPaidAtGatewayAsync(connectionString, "WeChat Pay simulator", weChat.PaidOrders.ToList(), cancel.Token));
        }
        violations.AddRange(failures);
        if (options.DatabaseOutageSeconds > 0 && client.OutageRefusals == 0)
        {
            violations.Add("PostgreSQL was stopped but no request was refused with database_unavailable: the outage was not seen");
        }

        if (client.RefusalsWithoutRetryAfter > 0)
        {
            violations.Add($"{client.RefusalsWithoutRetryAfter} outage refusals without Retry-After");
        }

        Console.WriteLine();
        Console.WriteLine(violations.Count == 0
            ? $"OK: {options.Applicants} applicants, 2 nodes, one SIGKILL, {client.Failovers} failovers"
                + (options.DatabaseOutageSeconds > 0 ? $", PostgreSQL down {options.DatabaseOutageSeconds} s ({client.OutageRefusals} requests refused to retry, none failed)" : string.Empty)
                + $", in {stopwatch.Elapsed.TotalSeconds:0} s"
            : $"FAILED ({violations.Count}):\n  " + string.Join("\n  ", violations.Take(30)));
        return violations.Count == 0 ? 0 : 1;
    }

    /// <summary>Runs the script that stops or starts the test's PostgreSQL server (scripts/crash-test.sh writes it).</summary>
    private static async Task ControlPostgresAsync(Arguments options, string verb, CancellationToken cancellationToken)
    {
        using var control = Process.Start(new ProcessStartInfo(options.PostgresControl ?? throw new ArgumentException("--database-outage needs --postgres-control SCRIPT"), [verb]))
            ?? throw new InvalidOperationException("could not run the PostgreSQL control script");
        await control.WaitForExitAsync(cancellationToken);
        if (control.ExitCode != 0)
        {
            throw new InvalidOperationException($"PostgreSQL control '{verb}' exited with {control.ExitCode}");
        }
    }

    private sealed record Arguments(string Postgres, string Web, string Photo, int Applicants, int Concurrency, int FirstPort, string Logs, int TimeoutMinutes, bool WeChatPaySimulator,
        int DatabaseOutageSeconds, string? PostgresControl)
    {
        public static Arguments Parse(string[] args)
        {
            string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            return new Arguments(
                Value("--postgres") ?? throw new ArgumentException("--postgres CONNECTION is required"),
                Value("--web") ?? throw new ArgumentException("--web PATH/IdReissue.Web.dll is required"),
                Value("--photo") ?? throw new ArgumentException("--photo FILE is required"),
                Number("--applicants", 300),
                Number("--concurrency", 32),
                Number("--port", 18481),
                Value("--logs") ?? Path.Combine(Path.GetTempPath(), "idreissue-crash-test"),
                Number("--timeout-minutes", 20),
                args.Contains("--wechatpay-simulator"),
                Number("--database-outage", 0),
                Value("--postgres-control"));
        }
    }
}
