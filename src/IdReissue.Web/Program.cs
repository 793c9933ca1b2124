using IdReissue.Application.Auth;
using IdReissue.Application.Abuse;
using System.Text.Json.Serialization;
using IdReissue.Infrastructure;
using IdReissue.Infrastructure.Configuration;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Infrastructure.Sandbox;
using IdReissue.Web;
using IdReissue.Web.Accounts;
using IdReissue.Web.Applications;
using IdReissue.Web.Auth;
using IdReissue.Web.Capacity;
using IdReissue.Web.Delivery;
using IdReissue.Web.Errors;
using IdReissue.Web.Idempotency;
using IdReissue.Web.Inspection;
using IdReissue.Web.Officers;
using IdReissue.Web.Payments;
using IdReissue.Web.Photos;
using IdReissue.Web.Production;
using IdReissue.Web.Regions;
using IdReissue.Web.Review;
using IdReissue.Web.Operations;
using IdReissue.Web.OpenApi;
using IdReissue.Web.Sandbox;
using IdReissue.Web.ServiceLevel;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

// Largest request body: an 8 MB photo and its form, with room to spare.
const long MaxRequestBytes = 10 * 1024 * 1024;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddIdReissueInfrastructure(builder.Configuration);
builder.Services.AddApplicationHandlers(builder.Configuration);
builder.Services.AddInspection();
builder.Services.AddWorkAdmission(builder.Configuration);
builder.Services.AddSingleton<SessionCache>();
builder.Services.AddSingleton<IdReissue.Web.Payments.WeChatPayerAuthorization>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<FaceVerificationStep>();
builder.Services.AddScoped<PhotoFixOffers>();
builder.Services.AddScoped<PhotoNumberLookup>();
builder.Services.AddSingleton<ApplicationMetrics>();
builder.Services.AddSingleton<IdReissue.Application.Ports.IPhotoCheckMetrics>(sp => sp.GetRequiredService<ApplicationMetrics>());
builder.Services.AddScoped<OfficerQueues>();
builder.Services.AddSingleton<IdReissue.Application.Ports.IBorderlinePhotos, BorderlinePhotos>();
builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(options => options.MultipartBodyLengthLimit = MaxRequestBytes);
builder.Services.AddValidatedOptions<SessionCookieOptions>(builder.Configuration, SessionCookieOptions.Section);
builder.Services.AddScoped<IOutboxHandler, ApplicantNotificationHandler>();
builder.Services.AddScoped<IOutboxHandler, PaymentReconciliationHandler>();
builder.Services.AddScoped<IOutboxHandler, CourierTrackingHandler>();
builder.Services.AddScoped<IOutboxHandler, ProductionHandoffHandler>();
builder.Services.AddScoped<IOutboxHandler, ServiceLevelCheckHandler>();
builder.Services.AddScoped<IOutboxHandler, IdReissue.Web.HolderAlerts.HolderAlertHandler>();

builder.Services.AddHealthChecks().AddCheck<IdReissue.Infrastructure.Persistence.DatabaseReadyCheck>("database", tags: ["ready"]);
var telemetry = builder.Services.AddOpenTelemetry()
    .ConfigureResource(resource => resource.AddService("idreissue"))
    .WithTracing(tracing => tracing.AddSource(Telemetry.Activities.Name)
        .AddAspNetCoreInstrumentation(options => options.EnrichWithHttpRequest = IdReissue.Web.HolderAlerts.HolderLinkRedaction.Enrich).AddHttpClientInstrumentation())
    .WithMetrics(metrics => metrics.AddMeter(Telemetry.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation()
        .AddRuntimeInstrumentation().AddPrometheusExporter());
if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
{
    telemetry.UseOtlpExporter();
}

builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
});
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
{
    context.ProblemDetails.Extensions.TryAdd("code", CodeForStatus(context.ProblemDetails.Status));
    context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    if (context.ProblemDetails.Status is { } status)
    {
        context.ProblemDetails.Title = Problems.TitleFor(status);
    }

    // Every 503 is temporary and says when to come back; a refusal that knows better (an outage, a limit) has set it already.
    if (context.ProblemDetails.Status == StatusCodes.Status503ServiceUnavailable && !context.HttpContext.Response.Headers.ContainsKey("Retry-After"))
    {
        context.HttpContext.Response.Headers.RetryAfter = DomainErrorStatus.ProviderRetryAfter.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
});
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddApiDocument(builder.Configuration);

builder.Services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null)
    .AddOfficerSso(builder.Configuration);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Policies.Applicant, p => p.RequireClaim(SessionClaims.Kind, SessionKinds.Applicant))
    .AddPolicy(Policies.Officer, p => p.RequireClaim(SessionClaims.Kind, SessionKinds.Officer))
    .AddPolicy(Policies.Reviewer, p => p.RequireClaim(SessionClaims.Kind, SessionKinds.Officer).RequireRole("review", "admin"))
    .AddPolicy(Policies.Production, p => p.RequireClaim(SessionClaims.Kind, SessionKinds.Officer).RequireRole("production", "admin"))
    .AddPolicy(Policies.Reveal, p => p.RequireClaim(SessionClaims.Kind, SessionKinds.Officer).RequireRole("reveal"))
    .AddPolicy(Policies.Finance, p => p.RequireClaim(SessionClaims.Kind, SessionKinds.Officer).RequireRole("finance"))
    .AddPolicy(Policies.Admin, p => p.RequireClaim(SessionClaims.Kind, SessionKinds.Officer).RequireRole("admin"))
    .AddPolicy(Policies.OfficerPending, p => p.RequireClaim(SessionClaims.Kind, SessionKinds.OfficerPending))
    .AddPolicy(Policies.OfficerOrPending, p => p.RequireClaim(SessionClaims.Kind, SessionKinds.Officer, SessionKinds.OfficerPending));
builder.Services.AddRazorPages(options =>
{
    // Pages live in their feature's folder beside its endpoints (vertical slices); each names its own route.
    options.RootDirectory = "/";
    options.Conventions.ConfigureFilter(new DomainErrorPageFilter());
});
// Chinese text goes out as text, not as &#x...; entities (it is still HTML-encoded where it must be).
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
    options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddAntiforgery(options =>
{
    options.Cookie.Name = "idr_antiforgery";
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    options.FormFieldName = "__antiforgery";
});
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBytes);

var app = builder.Build();

app.UseTrustedProxies();
app.UseSecurityHeaders();
app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error/500" });
app.UseWhen(context => SessionToken.IsApi(context.Request), api => api.UseStatusCodePages());
app.UseWhen(context => !SessionToken.IsApi(context.Request), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
app.UseStaticFiles();

// Routing after the error pages, so a re-executed request (/error/404) is routed to its page.
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseWorkAdmission();
app.UseMiddleware<IdempotencyMiddleware>();

app.MapOpenApi();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapPrometheusScrapingEndpoint("/metrics");
app.MapGet("/api", () => TypedResults.Ok(new
{
    service = "居民身份证网上补换领 IdReissue",
    openApi = "/openapi/v1.json",
    docs = "docs/api.md",
})).ExcludeFromDescription();
app.MapRegionsApi();
app.MapAuthApi();
app.MapAccountsApi();
app.MapApplicationsApi();
app.MapProviderReturn();
app.MapPaymentsApi();
app.MapRefundsApi();
app.MapPhotosApi();
app.MapPortraitChecksApi();
app.MapPortraitFixesApi();
app.MapReviewApi();
app.MapProductionApi();
app.MapDeliveryApi();
app.MapOfficersApi();
app.MapOfficerSso();
app.MapRazorPages();
if (app.Services.GetService<SandboxSigner>() is not null)
{
    app.MapSandboxApi(SandboxApi.SmsInboxAllowed(app.Configuration, app.Environment));
}

if (args is ["security", .. var command])
{
    // An operator's command against the same database and keys, without serving.
    return await IdReissue.Infrastructure.Security.SecurityCommands.RunAsync(app.Services, command, Console.Out);
}

if (args is ["admin", .. var adminCommand])
{
    // The operator's officer-account commands (the first administrator of an empty database), without serving.
    return await AdminCommands.RunAsync(app.Services, adminCommand, Console.Out);
}

await app.RunAsync();
return 0;

static string CodeForStatus(int? status) => status switch
{
    400 => "invalid_request",
    401 => "unauthenticated",
    403 => "forbidden",
    404 => "not_found",
    405 => "method_not_allowed",
    413 => "request_too_large",
    415 => "unsupported_media_type",
    _ => "error",
};

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
