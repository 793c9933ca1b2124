using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IdReissue.Infrastructure.Sandbox;
using Npgsql;

namespace IdReissue.ServiceBench;

/// <summary>
/// Throughput and p50/p99 latency of the main applicant endpoints and the payment notification, against
/// one or two real nodes on SQLite or PostgreSQL, with the load generated from this process on loopback.
/// Usage: load --web PATH/IdReissue.Web.dll --photo FILE --provider Sqlite|PostgreSql [--postgres CONNECTION]
///        [--nodes 1|2] [--applicants N] [--concurrency N] [--seconds N]
/// </summary>
public static partial class LoadTest
{
    private static readonly JsonSerializerOptions SnakeCase = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var web = Value("--web") ?? throw new ArgumentException("--web is required");
        var photo = await File.ReadAllBytesAsync(Value("--photo") ?? throw new ArgumentException("--photo is required"));
        var provider = Value("--provider") ?? "Sqlite";
        var nodes = Number("--nodes", 1);
        var applicants = Number("--applicants", 300);
        var concurrency = Number("--concurrency", 16);
        var seconds = Number("--seconds", 15);
        var logs = Path.Combine(Path.GetTempPath(), $"idreissue-load-{Guid.NewGuid():N}");
        Directory.CreateDirectory(logs);

        var connectionString = provider == "PostgreSql"
            ? new NpgsqlConnectionStringBuilder(Value("--postgres") ?? throw new ArgumentException("--postgres is required"))
            { Database = $"idreissue_load_{DateTime.UtcNow:yyyyMMddHHmmss}", MaxPoolSize = 100 }.ConnectionString
            : $"Data Source={Path.Combine(logs, "idreissue.db")}";
        var key = RandomNumberGenerator.GetBytes(32);
        var environment = NodeEnvironment.For(provider, connectionString, logs, web);
        environment["Sandbox__SigningKey"] = Convert.ToBase64String(key);
        // Notifications are sent by this harness, so the sandbox's own are kept out of the measurement.
        environment["Sandbox__NotificationDelay"] = "01:00:00";
        environment["Payments__ReconcileAfter"] = "01:00:00";

        var started = Enumerable.Range(0, nodes).Select(i => new ServiceNode($"load-{i}", web, Number("--port", 18581) + i, environment, logs)).ToList();
        try
        {
            foreach (var node in started)
            {
                await node.StartAsync(CancellationToken.None);
            }

            using var client = new FailoverClient(started);
            Console.WriteLine($"{provider}, {nodes} node(s), {applicants} applicants, concurrency {concurrency}, {Environment.ProcessorCount} cores shared with the load generator");

            var accounts = await PrepareAccountsAsync(client, applicants, concurrency);
            var results = new List<Result>
            {
                await MeasureEachAsync("start application (POST /api/applications)", accounts, concurrency, async a =>
                {
                    var response = await client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/applications", a.Token,
                        new { region = "hunan", @case = "Damage", householdNumber = a.HouseholdNumber }, idempotencyKey: Guid.NewGuid().ToString());
                    a.ApplicationId = response["id"]!.GetValue<string>();
                }),
                await MeasureEachAsync("eligibility (POST …/eligibility)", accounts, concurrency, a =>
                    client.ExpectStatusAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/applications/{a.ApplicationId}/eligibility", a.Token)),
                await MeasureForAsync("progress query (GET …/progress)", seconds, concurrency, random =>
                {
                    var a = accounts[random.Next(accounts.Count)];
                    return client.ExpectStatusAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/applications/{a.ApplicationId}/progress", a.Token);
                }),
            };

            // Orders to pay: face verification, address and payment for every application.
            await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (a, _) =>
            {
                await SandboxFaceVerification.PassAsync(client, a.ApplicationId!, a.Token, CancellationToken.None);
                await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/applications/{a.ApplicationId}/address", a.Token,
                    new { recipient = "王伟", phone = a.Phone, divisionCode = a.Division, detail = "人民路100号1栋101室" });
                var order = await client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/applications/{a.ApplicationId}/payments", a.Token,
                    new { channel = "WeChatPay", acknowledgeNoCancellationNoRefund = true });
                a.OrderNumber = order["orderNumber"]!.GetValue<string>();
            });
            var signer = new SandboxSigner();
            signer.UseKey(key);
            var notices = accounts.ToDictionary(a => a, a => JsonSerializer.Serialize(new SandboxPaymentNotice(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow, "TRANSACTION.SUCCESS",
                new SandboxPaymentResource(a.OrderNumber!, "LOAD-" + a.OrderNumber, "SUCCESS", new SandboxAmount(4000, "CNY"), DateTimeOffset.UtcNow)), SnakeCase));
            results.Add(await MeasureEachAsync("payment notify, first delivery (settles)", accounts, concurrency, a => Notify(client, signer, notices[a])));
            results.Add(await MeasureForAsync("payment notify, repeated delivery", seconds, concurrency, random => Notify(client, signer, notices[accounts[random.Next(accounts.Count)]])));

            Console.WriteLine();
            Console.WriteLine("| endpoint | requests | throughput (req/s) | p50 (ms) | p99 (ms) |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var r in results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Count} | {r.Throughput:0} | {r.P50:0.0} | {r.P99:0.0} |"));
            }

            return 0;
        }
        finally
        {
            foreach (var node in started)
            {
                node.Dispose();
            }
        }
    }

    private static async Task<List<Account>> PrepareAccountsAsync(FailoverClient client, int count, int concurrency)
    {
        var accounts = new List<Account>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, _) =>
        {
            var resident = await client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/sandbox/residents", json: new { region = "hunan", profile = "eligible" });
            var phone = resident["phone"]!.GetValue<string>();
            await client.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, "/api/auth/sms-codes", json: new { phone });
            var messages = await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/sandbox/sms/inbox", json: new { phone });
            var code = messages.AsArray().Select(m => Code().Match(m!["text"]!.GetValue<string>())).First(m => m.Success).Groups[1].Value;
            var token = (await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/auth/applicant-sessions", json: new { phone, code }))["token"]!.GetValue<string>();
            await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/me/real-name", token,
                new { name = resident["name"]!.GetValue<string>(), citizenId = resident["citizenId"]!.GetValue<string>() });
            lock (accounts)
            {
                accounts.Add(new Account(token, phone, resident["householdNumber"]!.GetValue<string>(), resident["householdDivisionCode"]!.GetValue<string>()));
            }
        });
        return accounts;
    }

    private static async Task<Result> MeasureEachAsync(string name, IReadOnlyList<Account> accounts, int concurrency, Func<Account, Task> request)
    {
        var latencies = new double[accounts.Count];
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, accounts.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            await request(accounts[i]);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        });
        return Result.From(name, latencies, wall.Elapsed);
    }

    private static async Task<Result> MeasureForAsync(string name, int seconds, int concurrency, Func<Random, Task> request)
    {
        // A short warm-up, not measured, then a fixed time with every worker busy.
        await Run(TimeSpan.FromSeconds(2), []);
        var perWorker = Enumerable.Range(0, concurrency).Select(_ => new List<double>(4096)).ToArray();
        var wall = Stopwatch.StartNew();
        await Run(TimeSpan.FromSeconds(seconds), perWorker);
        return Result.From(name, [.. perWorker.SelectMany(l => l)], wall.Elapsed);

        Task Run(TimeSpan duration, List<double>[] sinks) => Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var random = new Random(worker);
            var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < end)
            {
                var started = Stopwatch.GetTimestamp();
                await request(random);
                if (sinks.Length > 0)
                {
                    sinks[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }));
    }

    private static Task Notify(FailoverClient client, SandboxSigner signer, string body) =>
        client.ExpectStatusAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/payments/notify/WeChatPay", content: () =>
        {
            var content = new StringContent(body, Encoding.UTF8, "application/json");
            foreach (var (header, value) in signer.Sign(body, DateTimeOffset.UtcNow))
            {
                content.Headers.TryAddWithoutValidation(header, value);
            }

            return content;
        });

    private static MultipartFormDataContent Upload(byte[] photo)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "capture", "capture.jpg");
        return form;
    }

    [GeneratedRegex("验证码为([0-9]{6})")]
    private static partial Regex Code();

    private sealed class Account(string token, string phone, string householdNumber, string division)
    {
        public string Token { get; } = token;

        public string Phone { get; } = phone;

        public string HouseholdNumber { get; } = householdNumber;

        public string Division { get; } = division;

        public string? ApplicationId { get; set; }

        public string? OrderNumber { get; set; }
    }

    private sealed record Result(string Name, int Count, double Throughput, double P50, double P99)
    {
        public static Result From(string name, double[] latencies, TimeSpan wall)
        {
            Array.Sort(latencies);
            double At(double q) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))];
            return new Result(name, latencies.Length, latencies.Length / wall.TotalSeconds, At(0.50), At(0.99));
        }
    }
}
