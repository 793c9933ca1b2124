using System.Text.Json.Nodes;
using IdReissue.Infrastructure.Sandbox;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace IdReissue.Web.OpenApi;

/// <summary>
/// What the document says once, for all operations: who it is for, where it is served (configuration),
/// the two session schemes, the ProblemDetails every error uses, the tags, and the gateway callbacks the
/// service receives, moved from <c>paths</c> to <c>webhooks</c> with their signature headers.
/// </summary>
internal sealed class ApiDocumentTransformer(IOptions<ApiServerOptions> servers) : IOpenApiDocumentTransformer
{
    public const string ApplicantScheme = "applicantSession";
    public const string OfficerScheme = "officerSession";
    public const string ProblemSchema = "ProblemDetails";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Regions"] = "Regions offered and their rules (地区与办理规则).",
        ["Auth"] = "Log-in by SMS code (applicants) or password (officers), and log-out.",
        ["Account"] = "The applicant's account and real-name verification (实名认证).",
        ["Applications"] = "The applicant's steps, from starting an application to the progress query.",
        ["Payments"] = "Card-fee payment orders (工本费).",
        ["Photos"] = "The ID photo, by the applicant or a photo studio with the photo number (相片编号).",
        ["Portrait"] = "Free ID photo checks (证件人像检测), no application needed.",
        ["Officer"] = "The workbench: queues, decisions, production batches, dispatch and refunds.",
        ["Delivery"] = "EMS delivery of the new card.",
        ["Sandbox"] = "Stand-ins for external systems, present only while the sandbox gateways are on.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "居民身份证网上补换领 IdReissue API",
            Version = "v1",
            Description = "Re-issue of resident ID cards (居民身份证补领、换领) online: log-in, real-name and face verification, loss report, "
                + "payment, photo, review, production and EMS delivery. Every error is a ProblemDetails (`application/problem+json`) "
                + "with a stable `code` and a Chinese `detail`. Personal data is masked in every response. Walk-through: docs/api.md.",
            License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" },
        };
        SetServers(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApplicantScheme] = Bearer("An applicant's session token, from `POST /api/auth/applicant-sessions` (phone and SMS code); valid 12 hours."),
            [OfficerScheme] = Bearer("An officer's session token, from `POST /api/auth/officer-sessions`; valid 8 hours. What it may do depends on "
                + "the officer's roles (review, production, reveal, admin) and region."),
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = Problem();

        MoveWebhooks(document);
        var used = document.Paths.Values.Concat(document.Webhooks?.Values ?? [])
            .SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).ToHashSet();
        document.Tags = new HashSet<OpenApiTag>(TagDescriptions.Where(t => used.Contains(t.Key)).Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        return Task.CompletedTask;
    }

    private void SetServers(OpenApiDocument document)
    {
        var configured = servers.Value.Servers.Where(s => !string.IsNullOrWhiteSpace(s.Url)).ToList();
        document.Servers = configured.Count > 0
            ? [.. configured.Select(s => new OpenApiServer { Url = s.Url.TrimEnd('/'), Description = s.Description })]
            : [.. (document.Servers ?? []).Select(s => new OpenApiServer { Url = s.Url?.TrimEnd('/') is { Length: > 0 } url ? url : "/", Description = "This service, as reached" })];
    }

    private static OpenApiSecurityScheme Bearer(string description) => new()
    {
        Type = SecuritySchemeType.Http,
        Scheme = "bearer",
        BearerFormat = "opaque session token",
        Description = description + " Send it as `Authorization: Bearer <token>`; the session cookie of the web pages never authenticates the API.",
    };

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details with the service's stable `code` (branch on it) and a Chinese `detail` (show it).",
        Required = new HashSet<string> { "status", "title", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("A URI reference that identifies the problem type."),
            ["title"] = Text("Short Chinese title of the status, e.g. 信息有误."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
            ["detail"] = Text("What went wrong and what to do, in Chinese, for the applicant or officer."),
            ["instance"] = Text("The request path."),
            ["code"] = Text("Stable machine-readable code, listed per response (e.g. `application_already_open`)."),
            ["field"] = Text("The request field at fault, where there is one (e.g. `citizenId`)."),
            ["traceId"] = Text("Correlates the answer with the service's logs."),
        },
    };

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    /// <summary>Operations marked <see cref="Webhooks.ReceivedWebhook"/> leave <c>paths</c> for <c>webhooks</c>.</summary>
    private static void MoveWebhooks(OpenApiDocument document)
    {
        foreach (var (path, item) in document.Paths.ToList())
        {
            foreach (var (method, operation) in item.Operations?.ToList() ?? [])
            {
                if (operation.Extensions?.TryGetValue(OperationTransformer.WebhookExtension, out var marker) != true
                    || marker is not JsonNodeExtension { Node: JsonValue name })
                {
                    continue;
                }

                operation.Extensions.Remove(OperationTransformer.WebhookExtension);
                var webhook = name.GetValue<string>();
                operation.Description = $"Sent by the gateway to `{method.Method} {path}`"
                    + (path.Contains("{channel}", StringComparison.Ordinal) ? ", where `channel` is the payment channel (WeChatPay, Alipay, UnionPay)" : string.Empty)
                    + ". The service answers 2xx once the message is applied (or was already); anything else makes the gateway send it again. "
                    + "Each message is signed over `timestamp\\nnonce\\nbody\\n`; a message older than 5 minutes is refused as a replay.";
                operation.Parameters = [.. SignatureHeaders()];
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = webhook == "courierEvent" ? CourierEvent() : PaymentNotice() } },
                };
                operation.Security = [];
                document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
                document.Webhooks[webhook] = new OpenApiPathItem { Operations = new() { [method] = operation } };
                item.Operations!.Remove(method);
            }

            if (item.Operations is null || item.Operations.Count == 0)
            {
                document.Paths.Remove(path);
            }
        }
    }

    private static IEnumerable<IOpenApiParameter> SignatureHeaders() =>
    [
        Header(SandboxSigner.TimestampHeader, "Unix time (seconds) the gateway signed the message.", "1764057600"),
        Header(SandboxSigner.NonceHeader, "A random string, part of the signed message.", "9F1C2A7B3D4E5F60718293A4B5C6D7E8"),
        Header(SandboxSigner.SignatureHeader, "Base64 of HMAC-SHA256 (the sandbox's stand-in for the gateway certificate's signature) over "
            + "`timestamp\\nnonce\\nbody\\n`.", "q0X4zKc9y3t2b1a8VfR7eW6uJ5iH4gF3dE2cB1aZ0yA="),
    ];

    private static OpenApiParameter Header(string name, string description, string example) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = true,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        Example = JsonValue.Create(example),
    };

    private static OpenApiSchema Object(string description, params (string Name, IOpenApiSchema Schema)[] properties) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Required = new HashSet<string>(properties.Select(p => p.Name)),
        Properties = properties.ToDictionary(p => p.Name, p => p.Schema),
    };

    private static OpenApiSchema PaymentNotice() => Object(
        "A payment result, laid out like WeChat Pay v3's (decrypted) notification; a gateway may send the same one more than once.",
        ("id", Text("The notification's id; a repeat is answered as before and not applied twice.")),
        ("create_time", new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" }),
        ("event_type", Text("TRANSACTION.SUCCESS or TRANSACTION.PAYERROR.")),
        ("resource", Object("The order and its result.",
            ("out_trade_no", Text("The service's order number.")),
            ("transaction_id", Text("The gateway's transaction id.")),
            ("trade_state", Text("SUCCESS, CLOSED, PAYERROR or NOTPAY.")),
            ("amount", Object("Amount paid.",
                ("total", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "In fen (分)." }),
                ("currency", Text("CNY.")))),
            ("success_time", new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date-time" }))));

    private static OpenApiSchema CourierEvent() => Object(
        "A waybill event; the delivered event completes the application.",
        ("event_id", Text("The event's id; a repeat is not applied twice.")),
        ("tracking_number", Text("The EMS waybill number given at dispatch.")),
        ("kind", new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "0 picked up, 1 in transit, 2 delivered." }),
        ("at", new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" }),
        ("description", Text("The courier's words, e.g. 已妥投，本人签收.")));
}
