using System.Net;
using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IdReissue.Web.Tests.Faults;

/// <summary>The service, reaching its PostgreSQL database through a link the tests can cut.</summary>
public sealed class LinkedDatabaseService : ServiceFixture
{
    private DatabaseLink? _link;

    /// <summary>Between the service and its database (PostgreSQL only; SQLite is a file in the process).</summary>
    public DatabaseLink Link => _link ??= new DatabaseLink(Database.Host!, Database.Port);

    private NpgsqlConnectionStringBuilder Database => new(ConnectionString);

    protected override string ServiceConnectionString => Provider == "PostgreSql"
        ? new NpgsqlConnectionStringBuilder(ConnectionString) { Host = "127.0.0.1", Port = Link.Port }.ConnectionString
        : ConnectionString;

    /// <summary>Runs SQL on the server as its administrator, outside the service (ALTER DATABASE, triggers).</summary>
    public async Task AdministerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{database}", Database.Database, StringComparison.Ordinal), connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs SQL in the service's own database, outside the service.</summary>
    public async Task InDatabaseAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// The database going away or refusing writes is said to clients as a 503 to retry, in Chinese, with Retry-After;
/// never a 500, and nothing half-written. The same request with the same Idempotency-Key then completes once.
/// </summary>
public sealed class DatabaseFaultTests(LinkedDatabaseService service) : IClassFixture<LinkedDatabaseService>
{
    private Api Api => service.Api;

    [PostgreSqlFact]
    public async Task While_the_database_is_unreachable_requests_are_refused_to_retry_and_the_retried_command_runs_once()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.VerifyRealName();
        await journey.Start("Loss");
        await journey.CheckEligibility();
        await journey.VerifyFace();
        var key = Guid.NewGuid().ToString();
        var report = new { place = "长沙市芙蓉区五一广场", lostAt = DateTimeOffset.UtcNow.AddDays(-2), receiptWanted = true };

        service.Link.Cut();
        try
        {
            var progress = await Api.Send(HttpMethod.Get, $"/api/applications/{journey.ApplicationId}/progress", journey.Token);
            await ExpectRetryLater(progress, "database_unavailable");
            var command = await Api.Post($"/api/applications/{journey.ApplicationId}/loss-report", journey.Token, report, key);
            await ExpectRetryLater(command, "database_unavailable");

            // A page says the same in its own words, as a 503 page rather than the 500 one.
            using var page = await Api.Send(HttpMethod.Get, $"/apply/{journey.ApplicationId}", journey.Token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.NotNull(page.Headers.RetryAfter);
            Assert.Contains("系统暂时无法访问数据库", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            service.Link.Restore();
        }

        var retried = await Api.Expect(await Api.Post($"/api/applications/{journey.ApplicationId}/loss-report", journey.Token, report, key), HttpStatusCode.OK);
        var replayed = await Api.Expect(await Api.Post($"/api/applications/{journey.ApplicationId}/loss-report", journey.Token, report, key), HttpStatusCode.OK);
        Assert.Equal(retried.GetRawText(), replayed.GetRawText());
        var timeline = (await journey.Progress()).GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("state").GetString()).ToList();
        Assert.Single(timeline, s => s == "LossReported");
    }

    [PostgreSqlFact]
    public async Task A_database_that_refuses_writes_refuses_the_photo_clearly_and_keeps_nothing_of_it()
    {
        var (journey, photoNumber) = await PhotoPendingAsync();

        // What a failover to a standby looks like to the service: every new transaction is read-only.
        await service.AdministerAsync("ALTER DATABASE \"{database}\" SET default_transaction_read_only = on");
        NpgsqlConnection.ClearAllPools();
        try
        {
            await ExpectRetryLater(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", Journey.GoodPhoto)), "storage_unavailable");
        }
        finally
        {
            await service.AdministerAsync("ALTER DATABASE \"{database}\" RESET default_transaction_read_only");
            NpgsqlConnection.ClearAllPools();
        }

        Assert.Equal((0, 0), await CountAsync(journey.ApplicationId));
        var verdict = await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.OK);
        Assert.True(verdict.GetProperty("accepted").GetBoolean());
        await journey.WaitFor("UnderReview");
    }

    [PostgreSqlFact]
    public async Task A_full_disk_refuses_the_photo_clearly_and_nothing_is_half_written()
    {
        var (journey, photoNumber) = await PhotoPendingAsync();
        var files = await TableAsync<StoredFile>();

        // The server's own answer when it cannot extend a file (SQLSTATE 53100), raised where the image would be written.
        await service.InDatabaseAsync($"""
            CREATE FUNCTION disk_is_full() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$;
            CREATE TRIGGER disk_is_full BEFORE INSERT ON {files} FOR EACH ROW EXECUTE FUNCTION disk_is_full();
            """);
        try
        {
            await ExpectRetryLater(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", Journey.GoodPhoto)), "storage_unavailable");
            Assert.Equal((0, 0), await CountAsync(journey.ApplicationId));
            Assert.Equal("PhotoPending", (await journey.Progress()).GetProperty("state").GetString());
        }
        finally
        {
            await service.InDatabaseAsync($"DROP TRIGGER disk_is_full ON {files}; DROP FUNCTION disk_is_full();");
        }

        var verdict = await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.OK);
        Assert.True(verdict.GetProperty("accepted").GetBoolean());
        await journey.WaitFor("UnderReview");
    }

    private static async Task ExpectRetryLater(HttpResponseMessage response, string code)
    {
        await Api.ExpectProblem(response, HttpStatusCode.ServiceUnavailable, code);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 to retry says when (Retry-After)");
    }

    private async Task<(Journey Journey, string PhotoNumber)> PhotoPendingAsync()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        await journey.PayAtCashier(await journey.CreatePayment("WeChatPay"));
        return (journey, (await journey.WaitFor("PhotoPending")).GetProperty("photoNumber").GetString()!);
    }

    private async Task<string> TableAsync<TRecord>()
    {
        await using var db = await service.Services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>().CreateDbContextAsync();
        var entity = db.Model.FindEntityType(typeof(TRecord))!;
        return entity.GetSchema() is { } schema ? $"\"{schema}\".\"{entity.GetTableName()}\"" : $"\"{entity.GetTableName()}\"";
    }

    /// <summary>Photo submissions recorded, and photo images stored, for one application.</summary>
    private async Task<(int Submissions, int Images)> CountAsync(Guid applicationId)
    {
        await using var db = await service.Services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>().CreateDbContextAsync();
        return (await db.PhotoSubmissions.CountAsync(s => s.ApplicationId == applicationId),
            await db.Files.CountAsync(f => f.ApplicationId == applicationId && f.Kind == StoredFileKind.Photo));
    }
}
