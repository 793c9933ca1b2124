using System.Security.Claims;
using System.Security.Cryptography;
using IdReissue.Application.Ports;
using IdReissue.Web.Errors;

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

    public async Task InvokeAsync(HttpContext context, IIdempotencyKeys keys, TimeProvider time)
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
        var claim = await keys.ClaimAsync(key, await HashRequestAsync(context.Request), time.GetUtcNow(), AbandonedAfter, context.RequestAborted);
        switch (claim.Outcome)
        {
            case IdempotencyClaimOutcome.OtherRequest:
                await Problems.Create(422, "idempotency_key_reused", "该 Idempotency-Key 已用于另一请求，请为新的操作使用新的键。").ExecuteAsync(context);
                return;
            case IdempotencyClaimOutcome.InProgress:
                await Problems.Create(409, "idempotency_in_progress", "相同的请求正在处理中，请稍后查看结果。").ExecuteAsync(context);
                return;
            case IdempotencyClaimOutcome.Replay:
                await ReplayAsync(context, claim.Response!);
                return;
        }

        var originalBody = context.Response.Body;
        await using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        catch
        {
            // A refusal thrown as an exception (a provider down, the database gone) is written by the exception
            // handler, outside this middleware: what is here is no answer at all, and keeping it would replay an
            // empty 200 to every retry. Nothing was saved (a command saves once, at its end): the key is released.
            context.Response.Body = originalBody;
            await keys.CompleteAsync(key, null, CancellationToken.None);
            throw;
        }

        context.Response.Body = originalBody;
        var response = context.Response;

        // A server failure wrote nothing: the caller may retry with the same key.
        await keys.CompleteAsync(key, response.StatusCode >= 500 ? null : new KeptResponse(response.StatusCode, response.ContentType, captured.ToArray(),
            response.Headers.Location.ToString() is { Length: > 0 } location ? location : null), CancellationToken.None);
        captured.Position = 0;
        await captured.CopyToAsync(originalBody, CancellationToken.None);
    }

    private static async Task ReplayAsync(HttpContext context, KeptResponse kept)
    {
        context.Response.StatusCode = kept.StatusCode;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (kept.ContentType is not null)
        {
            context.Response.ContentType = kept.ContentType;
        }

        if (kept.Location is not null)
        {
            context.Response.Headers.Location = kept.Location;
        }

        if (!kept.Body.IsEmpty)
        {
            await context.Response.Body.WriteAsync(kept.Body, context.RequestAborted);
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
