using System.Security.Claims;
using System.Security.Cryptography;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Web.Errors;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Web.Idempotency;

/// <summary>
/// For commands marked <see cref="IdempotentCommand"/> and sent with an <c>Idempotency-Key</c> header:
/// the first request runs and its response is stored; a retry with the same key gets the stored
/// response (header <c>Idempotent-Replayed: true</c>) and runs nothing; the same key with a different
/// request is refused. Keys are per caller, so one caller cannot replay another's response.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>An in-progress key older than this belongs to a request whose node died: it may run again.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromSeconds(30);

    public async Task InvokeAsync(HttpContext context, IDbContextFactory<IdReissueDbContext> dbFactory, TimeProvider time)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentCommand>() is null
            || !context.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            await next(context);
            return;
        }

        var idempotencyKey = values.ToString();
        if (idempotencyKey.Length is 0 or > 100 || idempotencyKey.Any(c => c < 0x21 || c > 0x7e))
        {
            await Problems.Create(400, "invalid_idempotency_key", "Idempotency-Key 须为1至100个可见ASCII字符。").ExecuteAsync(context);
            return;
        }

        var scope = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
        var key = $"{scope}|{idempotencyKey}";
        var requestHash = await HashRequestAsync(context.Request);

        await using (var db = await dbFactory.CreateDbContextAsync(context.RequestAborted))
        {
            var existing = await db.IdempotencyRecords.SingleOrDefaultAsync(r => r.Key == key, context.RequestAborted);
            var now = time.GetUtcNow();
            if (existing is not null)
            {
                if (existing.RequestHash != requestHash)
                {
                    await Problems.Create(422, "idempotency_key_reused", "该 Idempotency-Key 已用于另一请求，请为新的操作使用新的键。").ExecuteAsync(context);
                    return;
                }

                if (existing.StatusCode is { } status)
                {
                    await ReplayAsync(context, existing, status);
                    return;
                }

                // An abandoned key is taken over by one request only: the conditional update lets the first of
                // several retries through and answers the others "in progress".
                if (now - existing.CreatedAt < AbandonedAfter
                    || await db.IdempotencyRecords.Where(r => r.Key == key && r.StatusCode == null && r.CreatedAt == existing.CreatedAt)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, now), context.RequestAborted) == 0)
                {
                    await Problems.Create(409, "idempotency_in_progress", "相同的请求正在处理中，请稍后查看结果。").ExecuteAsync(context);
                    return;
                }
            }
            else
            {
                db.IdempotencyRecords.Add(new IdempotencyRecord { Key = key, RequestHash = requestHash, CreatedAt = now });
            }

            try
            {
                await db.SaveChangesAsync(context.RequestAborted);
            }
            catch (DbUpdateException)
            {
                await Problems.Create(409, "idempotency_in_progress", "相同的请求正在处理中，请稍后查看结果。").ExecuteAsync(context);
                return;
            }
        }

        var originalBody = context.Response.Body;
        await using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = originalBody;
            await RecordAsync(dbFactory, key, context.Response, captured.ToArray());
            captured.Position = 0;
            await captured.CopyToAsync(originalBody, CancellationToken.None);
        }
    }

    private static async Task RecordAsync(IDbContextFactory<IdReissueDbContext> dbFactory, string key, HttpResponse response, byte[] body)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var record = await db.IdempotencyRecords.SingleAsync(r => r.Key == key, CancellationToken.None);
        if (response.StatusCode >= 500)
        {
            // A server failure wrote nothing: the caller may retry with the same key.
            db.IdempotencyRecords.Remove(record);
        }
        else
        {
            record.StatusCode = response.StatusCode;
            record.ContentType = response.ContentType;
            record.ResponseBody = body;
            record.Location = response.Headers.Location.ToString() is { Length: > 0 } location ? location : null;
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord record, int status)
    {
        context.Response.StatusCode = status;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (record.ContentType is not null)
        {
            context.Response.ContentType = record.ContentType;
        }

        if (record.Location is not null)
        {
            context.Response.Headers.Location = record.Location;
        }

        if (record.ResponseBody is { Length: > 0 } body)
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}

/// <summary>Endpoint metadata: the command accepts an Idempotency-Key.</summary>
public sealed class IdempotentCommand;

public static class IdempotencyEndpointExtensions
{
    /// <summary>Marks a command endpoint as accepting an <c>Idempotency-Key</c> header.</summary>
    public static RouteHandlerBuilder WithIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new IdempotentCommand())
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                {
                    Name = IdempotencyMiddleware.HeaderName,
                    In = Microsoft.OpenApi.ParameterLocation.Header,
                    Required = false,
                    Description = "A key unique to this operation; a retry with the same key returns the first response and does nothing again.",
                    Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, MaxLength = 100 },
                });
                return Task.CompletedTask;
            });
}
