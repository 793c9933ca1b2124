using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace IdReissue.ServiceBench;

/// <summary>
/// Anonymous photo work from many client addresses at several times what the node can do, while signed-in work goes on:
/// one officer working the review queue and applicants querying their progress. The flood comes from loopback
/// addresses 127.0.0.2 and up, each client socket bound to its own source address (SocketsHttpHandler.ConnectCallback),
/// so the node sees real distinct client addresses with no forwarded header and no trusted proxy.
/// Open-loop: requests are sent at the given rates whatever the answers, as a flood does, at most --in-flight at once.
/// The signed-in work is measured alone before and after the flood (--quiet-seconds each) and beside it (--seconds).
/// Usage: flood --web PATH/IdReissue.Web.dll --check-photo FILE --fix-photo FILE [--addresses 50] [--fix-rate 10]
///        [--check-rate 300] [--applicants 8] [--quiet-seconds 20] [--seconds 60] [--in-flight 400]
/// </summary>
public static partial class FloodBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var web = Value("--web") ?? throw new ArgumentException("--web is required");
        var checkPhoto = await File.ReadAllBytesAsync(Value("--check-photo") ?? throw new ArgumentException("--check-photo is required"));
        var fixPhoto = await File.ReadAllBytesAsync(Value("--fix-photo") ?? throw new ArgumentException("--fix-photo is required"));
        var addresses = Math.Clamp(Number("--addresses", 50), 1, 250);
        var fixRate = Number("--fix-rate", 10);
        var checkRate = Number("--check-rate", 300);
        var applicants = Number("--applicants", 8);
        var quiet = TimeSpan.FromSeconds(Number("--quiet-seconds", 20));
        var flood = TimeSpan.FromSeconds(Math.Clamp(Number("--seconds", 60), 1, 600));
        var inFlight = Number("--in-flight", 400);
        var logs = Path.Combine(Path.GetTempPath(), $"idreissue-flood-{Guid.NewGuid():N}");
        Directory.CreateDirectory(logs);

        var environment = NodeEnvironment.For("Sqlite", $"Data Source={Path.Combine(logs, "idreissue.db")}", logs, web);
        // The database's per-client limit on portrait work as deployed (30 a minute), beside this node's own budgets.
        environment["Abuse__PortraitChecksPerClientPerMinute"] = "30";
        using var node = new ServiceNode("flood", web, Number("--port", 18591), environment, logs);
        await node.StartAsync(CancellationToken.None);
        var pid = node.ProcessId ?? throw new InvalidOperationException("no node process");
        Console.WriteLine($"{Environment.ProcessorCount} cores shared by the node and this load generator; logs in {logs}");

        using var client = new FailoverClient([node]);
        var accounts = await Journeys.PrepareAsync(client, applicants);
        var officer = await Journeys.OfficerAsync(client, Path.Combine(logs, "demo-logins.txt"), "hunan-review");
        using var signedInHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        // Warm-up, not measured: the fixer loads its models on its first fix, and every path is compiled once.
        using (var warm = From(IPAddress.Loopback, node.BaseAddress))
        {
            await Anonymous(warm, "/api/portrait/fixes", fixPhoto, new LatencySide("warm-up"));
            await Anonymous(warm, "/api/portrait/checks", checkPhoto, new LatencySide("warm-up"));
        }

        await SignedInAsync(signedInHttp, accounts, officer, new LatencySide("warm-up"), new LatencySide("warm-up"), TimeSpan.FromSeconds(3), CancellationToken.None);
        // What each kind of work costs the node's processors, one request at a time (signed in, so no anonymous budget is spent):
        // the ground for Capacity:FixCost and SheetCost, in checks. Few enough for the database's 30 a minute from this address.
        var check = await CpuPerRequestAsync(signedInHttp, pid, "/api/portrait/checks", checkPhoto, accounts[0].Token, 12);
        var fix = await CpuPerRequestAsync(signedInHttp, pid, "/api/portrait/fixes", fixPhoto, accounts[0].Token, 4);
        var sheet = await CpuPerRequestAsync(signedInHttp, pid, "/api/portrait/sheets", checkPhoto, accounts[0].Token, 6);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"node processor time per request: check {check:0} ms, fix {fix:0} ms ({fix / check:0} checks), print sheet {sheet:0} ms ({sheet / check:0.0} checks)"));
        Console.WriteLine($"load average before the quiet phase: {File.ReadAllText("/proc/loadavg").Trim()}");

        // Quiet: the signed-in work alone.
        var quietApplicants = new LatencySide("applicants: progress");
        var quietOfficer = new LatencySide("officer: queue and detail");
        await SignedInAsync(signedInHttp, accounts, officer, quietApplicants, quietOfficer, quiet, CancellationToken.None);
        var before = Memory(pid);

        // Flood: the same signed-in work, with the anonymous flood beside it.
        var floodApplicants = new LatencySide("applicants: progress");
        var floodOfficer = new LatencySide("officer: queue and detail");
        var fixes = new LatencySide("anonymous fix (POST /api/portrait/fixes)");
        var checks = new LatencySide("anonymous check (POST /api/portrait/checks)");
        var clients = Enumerable.Range(0, addresses).Select(i => From(IPAddress.Parse($"127.0.0.{i + 2}"), node.BaseAddress)).ToArray();
        using var sampling = new CancellationTokenSource();
        var peakSampled = 0L;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakSampled = Math.Max(peakSampled, Memory(pid).Resident);
                await Task.Delay(250);
            }
        });
        var bound = new SemaphoreSlim(inFlight);
        var dropped = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(
            SignedInAsync(signedInHttp, accounts, officer, floodApplicants, floodOfficer, flood, CancellationToken.None),
            OpenLoopAsync(fixRate, flood, i => Anonymous(clients[i % addresses], "/api/portrait/fixes", fixPhoto, fixes), bound, () => Interlocked.Increment(ref dropped)),
            OpenLoopAsync(checkRate, flood, i => Anonymous(clients[i % addresses], "/api/portrait/checks", checkPhoto, checks), bound, () => Interlocked.Increment(ref dropped)));
        // The last requests sent are let finish (each has its own 30 s time-out).
        for (var i = 0; i < inFlight; i++)
        {
            await bound.WaitAsync();
        }

        Console.WriteLine($"load average after the flood: {File.ReadAllText("/proc/loadavg").Trim()}");
        await sampling.CancelAsync();
        await sampler;
        var after = Memory(pid);
        foreach (var c in clients)
        {
            c.Dispose();
        }

        // Quiet again: with the machine shared, the background load may differ between phases, so the baseline is taken
        // on both sides of the flood and the bound is against both together.
        var afterApplicants = new LatencySide("applicants: progress");
        var afterOfficer = new LatencySide("officer: queue and detail");
        await SignedInAsync(signedInHttp, accounts, officer, afterApplicants, afterOfficer, quiet, CancellationToken.None);
        Console.WriteLine($"load average after the second quiet phase: {File.ReadAllText("/proc/loadavg").Trim()}");
        var running = node.Running;

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Flood: {flood.TotalSeconds:0} s from {addresses} addresses (127.0.0.2–{addresses + 1}), offered {fixRate} fixes/s and {checkRate} checks/s, at most {inFlight} in flight ({dropped} not sent for that bound); {wall.Elapsed.TotalSeconds:0} s with the tail"));
        Console.WriteLine();
        Console.WriteLine("| side | phase | requests | successes | 429 | 503 | other | p50 (ms) | p99 (ms) |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (side, phase) in new[] { (fixes, "flood"), (checks, "flood"), (quietApplicants, "quiet, before"), (floodApplicants, "flood"), (afterApplicants, "quiet, after"),
            (quietOfficer, "quiet, before"), (floodOfficer, "flood"), (afterOfficer, "quiet, after") })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {side.Name} | {phase} | {side.Requests} | {side.Successes} | {side.Count(HttpStatusCode.TooManyRequests)} | {side.Count(HttpStatusCode.ServiceUnavailable)} | {side.Other} | {side.Percentile(0.5):0.0} | {side.Percentile(0.99):0.0} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"refusals, fixes: {fixes.Codes}");
        Console.WriteLine($"refusals, checks: {checks.Codes}");
        var applicantQuiet = LatencySide.Percentile(0.99, quietApplicants, afterApplicants);
        var officerQuiet = LatencySide.Percentile(0.99, quietOfficer, afterOfficer);
        var applicantRatio = floodApplicants.Percentile(0.99) / Math.Max(0.001, applicantQuiet);
        var officerRatio = floodOfficer.Percentile(0.99) / Math.Max(0.001, officerQuiet);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"signed-in p99 under flood / quiet (both quiet phases together: applicants {applicantQuiet:0.0} ms, officer {officerQuiet:0.0} ms): applicants {applicantRatio:0.00}×, officer {officerRatio:0.00}× (must be ≤ 3×); against the quiet phase before alone: applicants {floodApplicants.Percentile(0.99) / Math.Max(0.001, quietApplicants.Percentile(0.99)):0.00}×, officer {floodOfficer.Percentile(0.99) / Math.Max(0.001, quietOfficer.Percentile(0.99)):0.00}×"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"node working set: {before.Resident / 1048576.0:0} MB after the quiet phase, peak {Math.Max(peakSampled, after.Peak) / 1048576.0:0} MB (VmHWM {after.Peak / 1048576.0:0} MB), {after.Resident / 1048576.0:0} MB at the end; node {(running ? "still running" : "EXITED")}"));
        var held = applicantRatio <= 3 && officerRatio <= 3 && running && floodApplicants.Other == 0 && floodOfficer.Other == 0 && fixes.Other == 0 && checks.Other == 0;
        Console.WriteLine(held ? "budgets held" : "BUDGETS NOT HELD");
        return held ? 0 : 1;
    }

    /// <summary>Requests at <paramref name="perSecond"/> for <paramref name="duration"/>, each started on time whatever the
    /// earlier ones are doing; one that would exceed the in-flight bound is not sent.</summary>
    private static async Task OpenLoopAsync(int perSecond, TimeSpan duration, Func<int, Task> send, SemaphoreSlim bound, Action dropped)
    {
        if (perSecond <= 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var sent = 0;
        var total = (int)(perSecond * duration.TotalSeconds);
        while (sent < total)
        {
            var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(started).TotalSeconds * perSecond));
            for (; sent < due; sent++)
            {
                if (!bound.Wait(0))
                {
                    dropped();
                    continue;
                }

                var index = sent;
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await send(index);
                    }
                    finally
                    {
                        bound.Release();
                    }
                });
            }

            await Task.Delay(5);
        }
    }

    private static async Task Anonymous(HttpClient http, string path, byte[] photo, LatencySide side)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "photo", "photo.jpg");
            using var response = await http.PostAsync(new Uri(path, UriKind.Relative), form);
            var body = await response.Content.ReadAsStringAsync();
            side.Record(response.StatusCode, Code().Match(body) is { Success: true } m ? m.Groups[1].Value : null, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            side.Record(null, null, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>Closed loops, as people work: each applicant asks for the progress of their application again as soon as
    /// it came; the officer lists the queue, then opens an application from it.</summary>
    private static Task SignedInAsync(
        HttpClient http, List<Journeys.Applicant> accounts, string officer, LatencySide applicants, LatencySide officerSide, TimeSpan duration, CancellationToken cancellationToken)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var progress = accounts.Select(a => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                await TimedAsync(http, $"/api/applications/{a.ApplicationId}/progress", a.Token, applicants, cancellationToken);
            }
        }));
        var queue = Task.Run(async () =>
        {
            var next = 0;
            while (Stopwatch.GetTimestamp() < end)
            {
                await TimedAsync(http, "/api/officer/applications?state=EligibilityChecked", officer, officerSide, cancellationToken);
                await TimedAsync(http, $"/api/officer/applications/{accounts[next++ % accounts.Count].ApplicationId}", officer, officerSide, cancellationToken);
            }
        });
        return Task.WhenAll([.. progress, queue]);
    }

    private static async Task TimedAsync(HttpClient http, string path, string token, LatencySide side, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            side.Record(response.StatusCode, null, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            side.Record(null, null, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>A client whose every connection leaves from <paramref name="source"/>: on Linux all of 127.0.0.0/8 is loopback.</summary>
    private static HttpClient From(IPAddress source, Uri node) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 64,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = node,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>The node's processor time (user and system, all threads) per request, over <paramref name="count"/> requests one after another.</summary>
    private static async Task<double> CpuPerRequestAsync(HttpClient http, int pid, string path, byte[] photo, string token, int count)
    {
        var before = ProcessorTime(pid);
        for (var i = 0; i < count; i++)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "photo", "photo.jpg");
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        return (ProcessorTime(pid) - before).TotalMilliseconds / count;
    }

    /// <summary>utime + stime of /proc/PID/stat, in clock ticks of 1/100 s (fields after the command's closing parenthesis).</summary>
    private static TimeSpan ProcessorTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>The node's resident set now and its peak (VmRSS, VmHWM), in bytes.</summary>
    private static (long Resident, long Peak) Memory(int pid)
    {
        long Field(string[] lines, string name) =>
            lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal)) is { } line
                ? long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024
                : 0;
        var status = File.ReadAllLines($"/proc/{pid}/status");
        return (Field(status, "VmRSS:"), Field(status, "VmHWM:"));
    }

    [GeneratedRegex("\"code\":\"([a-z0-9_]+)\"")]
    private static partial Regex Code();
}
