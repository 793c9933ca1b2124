using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>One key, one execution: while the first request runs others wait their turn, and an abandoned run is taken over once.</summary>
[Collection(SharedService.Name)]
public class IdempotencyTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task A_key_in_progress_is_answered_409_then_the_stored_response_once_it_completes()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.VerifyRealName();
        var key = Guid.NewGuid().ToString();
        var body = $$"""{"region":"hunan","case":"Damage","householdNumber":"{{journey.Field("householdNumber")}}"}""";

        // A request with this key is running on some node (its record holds no response yet).
        var record = await InsertInProgressAsync(journey.Token, key, body, DateTimeOffset.UtcNow);
        await Api.ExpectProblem(await StartAsync(journey.Token, key, body), HttpStatusCode.Conflict, "idempotency_in_progress");
        Assert.Empty((await Api.Get("/api/applications", journey.Token)).EnumerateArray());

        // That node died: after the abandonment delay, parallel retries take it over once between them.
        await using (var db = await NewDbAsync())
        {
            await db.IdempotencyRecords.Where(r => r.Key == record).ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        var retries = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => StartAsync(journey.Token, key, body)));
        Assert.Single(retries, r => r.StatusCode == HttpStatusCode.Created && !r.Headers.Contains("Idempotent-Replayed"));
        foreach (var other in retries.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            // Waiting for the one run, not a second run refused by the application's own rules.
            await Api.ExpectProblem(other, HttpStatusCode.Conflict, "idempotency_in_progress");
        }

        var created = Assert.Single((await Api.Get("/api/applications", journey.Token)).EnumerateArray());

        var replay = await StartAsync(journey.Token, key, body);
        var replayed = await Api.Expect(replay, HttpStatusCode.Created);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(created.GetProperty("id").GetGuid(), replayed.GetProperty("id").GetGuid());
    }

    private Task<HttpResponseMessage> StartAsync(string token, string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        return Api.Http.SendAsync(request);
    }

    /// <summary>The record the middleware writes when a request with this key starts: caller scope, key and request hash.</summary>
    private async Task<string> InsertInProgressAsync(string token, string key, string body, DateTimeOffset startedAt)
    {
        await using var db = await NewDbAsync();
        var account = await db.Sessions.AsNoTracking().Where(s => s.TokenHash == TokenHash.Of(token)).Select(s => s.Subject).SingleAsync();
        var hash = Convert.ToHexString(SHA256.HashData([.. Encoding.UTF8.GetBytes("POST /api/applications\n"), .. Encoding.UTF8.GetBytes(body)]));
        var record = new IdempotencyRecord { Key = $"{account}|{key}", RequestHash = hash, CreatedAt = startedAt };
        db.IdempotencyRecords.Add(record);
        await db.SaveChangesAsync();
        return record.Key;
    }

    private Task<IdReissueDbContext> NewDbAsync() =>
        service.Services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>().CreateDbContextAsync();
}
