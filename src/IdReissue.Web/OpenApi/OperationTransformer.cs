using System.Globalization;
using System.Text.Json.Nodes;
using IdReissue.Web.Auth;
using IdReissue.Web.Capacity;
using IdReissue.Web.Errors;
using IdReissue.Web.Idempotency;
using IdReissue.Web.Webhooks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace IdReissue.Web.OpenApi;

/// <summary>
/// Completes each operation from what its endpoint already declares, so an endpoint file only names and
/// summarises its routes: the session it needs (from its authorization policies), and every problem it can
/// answer with, as the ProblemDetails schema with its <c>code</c> values, from the traits it shares with
/// others (signed-in, an application in the route, a body, an Idempotency-Key) and <see cref="ProblemCatalogue"/>.
/// </summary>
internal sealed class OperationTransformer : IOpenApiOperationTransformer
{
    public const string WebhookExtension = "x-idreissue-webhook";

    private static readonly string[] OfficerPolicies = [Policies.Officer, Policies.Reviewer, Policies.Production, Policies.Reveal, Policies.Finance, Policies.Admin, Policies.OfficerPending, Policies.OfficerOrPending];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document;
        var schemes = SchemesFor(metadata);
        operation.Security = schemes.Count == 0
            ? []
            : [.. schemes.Select(scheme => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] })];
        if (RolesFor(metadata) is { Length: > 0 } roles)
        {
            operation.Description = Join(operation.Description, $"Officer roles allowed: {string.Join(", ", roles)}.");
        }

        var codes = CodesFor(operation, context, metadata, schemes.Count > 0);
        operation.Responses ??= [];
        // A route group declares its problem statuses once for all its endpoints; only those this operation has a
        // code for are kept, so a generated client is not told of errors that cannot happen.
        foreach (var declared in operation.Responses.Keys.Where(k => k.Length == 3 && k[0] is '4' or '5').ToList())
        {
            operation.Responses.Remove(declared);
        }

        foreach (var (status, values) in codes.OrderBy(c => c.Key))
        {
            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = ProblemResponse(status, values, document);
        }

        if (operation.OperationId is { } id && RequestExamples.ByOperation.TryGetValue(id, out var example)
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true)
        {
            json.Example = JsonNode.Parse(example);
        }

        if (metadata.OfType<ReceivedWebhook>().FirstOrDefault() is { } webhook)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[WebhookExtension] = new JsonNodeExtension(JsonValue.Create(webhook.Name));
        }

        return Task.CompletedTask;
    }

    /// <summary>The schemes that may call the operation, as alternatives; none for an anonymous one.</summary>
    private static List<string> SchemesFor(IList<object> metadata)
    {
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return [];
        }

        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        if (policies.Count == 0)
        {
            return [];
        }

        var applicant = policies.Contains(Policies.Applicant);
        var officer = policies.Any(p => p is not null && OfficerPolicies.Contains(p));
        return (applicant, officer) switch
        {
            (true, false) => [ApiDocumentTransformer.ApplicantScheme],
            (false, true) => [ApiDocumentTransformer.OfficerScheme],
            _ => [ApiDocumentTransformer.ApplicantScheme, ApiDocumentTransformer.OfficerScheme],
        };
    }

    private static string[] RolesFor(IList<object> metadata)
    {
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToHashSet();
        return policies.Contains(Policies.Reveal) ? ["reveal"]
            : policies.Contains(Policies.Reviewer) ? ["review", "admin"]
            : policies.Contains(Policies.Production) ? ["production", "admin"]
            : policies.Contains(Policies.Finance) ? ["finance"]
            : policies.Contains(Policies.Admin) ? ["admin"]
            : [];
    }

    private static Dictionary<int, SortedSet<string>> CodesFor(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, IList<object> metadata, bool signedIn)
    {
        var codes = new Dictionary<int, SortedSet<string>>();
        void Add(int status, params IEnumerable<string> values)
        {
            if (!codes.TryGetValue(status, out var set))
            {
                codes[status] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            set.UnionWith(values);
        }

        var path = context.Description.RelativePath ?? string.Empty;
        var method = context.Description.HttpMethod ?? "GET";
        if (signedIn)
        {
            Add(401, "unauthenticated");
            Add(403, "forbidden");
            if (path.Contains("applications/{id", StringComparison.Ordinal))
            {
                Add(404, "application_not_found");
            }

            if (!HttpMethods.IsGet(method))
            {
                Add(409, "concurrent_update");
            }
        }

        if (operation.RequestBody is not null || operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true)
        {
            Add(400, "invalid_request");
        }

        if (operation.RequestBody?.Content?.Keys.Any(k => k.StartsWith("multipart/", StringComparison.Ordinal)) == true)
        {
            Add(413, "request_too_large");
        }

        if (metadata.OfType<CpuWorkAttribute>().FirstOrDefault() is { } work)
        {
            // Admitted by WorkAdmissionMiddleware: a budget (but for face verification, bounded per citizen per day instead) and a pool.
            if (work.Kind != WorkKind.FaceVerification)
            {
                Add(429, "portrait_budget_exhausted");
            }

            Add(503, work.Kind == WorkKind.FaceVerification ? "face_verification_busy" : "portrait_busy");
        }

        if (metadata.OfType<IdempotentCommand>().Any())
        {
            Add(400, "invalid_idempotency_key");
            Add(409, "idempotency_in_progress");
            Add(422, "idempotency_key_reused");
        }

        // Every operation reads or writes the database; while it is down or refuses writes the answer is a 503 to retry (StorageFaultProblem).
        Add(503, "database_unavailable");
        if (!HttpMethods.IsGet(method))
        {
            Add(503, "storage_unavailable");
        }

        if (operation.OperationId is { } id && ProblemCatalogue.ByOperation.TryGetValue(id, out var specific))
        {
            foreach (var (status, values) in specific)
            {
                Add(status, values);
            }
        }

        return codes;
    }

    private static OpenApiResponse ProblemResponse(int status, SortedSet<string> codes, OpenApiDocument? document)
    {
        var title = Problems.TitleFor(status);
        var media = new OpenApiMediaType
        {
            Schema = new OpenApiSchemaReference(ApiDocumentTransformer.ProblemSchema, document),
            Examples = codes.ToDictionary(code => code, code => (IOpenApiExample)new OpenApiExample
            {
                Summary = code,
                Value = new JsonObject { ["status"] = status, ["title"] = title, ["detail"] = title + "。", ["code"] = code },
            }),
        };
        var response = new OpenApiResponse
        {
            Description = codes.Count == 0 ? title : $"{title}。`code`: {string.Join(", ", codes.Select(c => $"`{c}`"))}",
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = media },
        };
        if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before trying again.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        }

        return response;
    }

    private static string Join(string? first, string second) => string.IsNullOrEmpty(first) ? second : $"{first}\n\n{second}";
}
