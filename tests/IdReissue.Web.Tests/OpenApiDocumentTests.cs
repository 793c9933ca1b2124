using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IdReissue.Web.Tests;

/// <summary>
/// The OpenAPI document at /openapi/v1.json stays complete for generated clients: every operation, present and
/// future, has a domain operationId, a summary, its security, and ProblemDetails responses that list their codes.
/// (scripts/check-openapi.sh lints the same document with Redocly and drives a Kiota client through it.)
/// </summary>
[Collection(SharedService.Name)]
public sealed partial class OpenApiDocumentTests(ServiceFixture service)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task Every_operation_has_a_unique_domain_operationId_a_summary_and_its_security()
    {
        var document = await DocumentAsync(service.Api);
        var schemes = document.GetProperty("components").GetProperty("securitySchemes").EnumerateObject().Select(s => s.Name).ToHashSet();
        Assert.Equal(["applicantSession", "officerSession"], schemes.Order());

        var ids = new List<string>();
        foreach (var (where, operation) in Operations(document))
        {
            var id = operation.TryGetProperty("operationId", out var value) ? value.GetString() : null;
            Assert.True(id is not null && PascalCase().IsMatch(id), $"{where}: needs .WithName(\"DomainVerbNoun\") for a stable operationId");
            ids.Add(id!);
            Assert.True(operation.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 10, $"{where}: needs .WithSummary(...)");
            Assert.True(operation.TryGetProperty("security", out var security), $"{where}: declares no security");
            Assert.All(security.EnumerateArray().SelectMany(r => r.EnumerateObject()), r => Assert.Contains(r.Name, schemes));
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(ids.Count >= 40, $"only {ids.Count} operations described");
    }

    [Fact]
    public async Task Every_problem_response_is_a_ProblemDetails_that_lists_its_codes()
    {
        var document = await DocumentAsync(service.Api);
        foreach (var (where, operation) in Operations(document))
        {
            var responses = operation.GetProperty("responses").EnumerateObject().ToDictionary(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture), r => r.Value);
            var signedIn = operation.GetProperty("security").GetArrayLength() > 0;
            var takesInput = operation.TryGetProperty("parameters", out _) || operation.TryGetProperty("requestBody", out _);
            if (signedIn)
            {
                Assert.True(responses.ContainsKey(401) && responses.ContainsKey(403), $"{where}: a signed-in operation answers 401 and 403");
            }

            // Only an anonymous operation that takes nothing from its caller cannot be refused for the caller's fault.
            Assert.True(!signedIn && !takesInput || responses.Keys.Any(s => s is >= 400 and < 500), $"{where}: lists no 4xx problem");
            foreach (var (status, response) in responses.Where(r => r.Key >= 400))
            {
                var media = response.GetProperty("content").GetProperty("application/problem+json");
                Assert.Equal("#/components/schemas/ProblemDetails", media.GetProperty("schema").GetProperty("$ref").GetString());
                var codes = media.GetProperty("examples").EnumerateObject().Select(e => e.Value.GetProperty("value").GetProperty("code").GetString()).ToList();
                Assert.True(codes.Count > 0, $"{where} {status}: lists no `code` (add it to OpenApi/ProblemCatalogue.cs)");
                Assert.All(codes, code => Assert.Contains($"`{code}`", response.GetProperty("description").GetString(), StringComparison.Ordinal));
            }
        }

        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails");
        Assert.Equal(["code", "status", "title"], problem.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
    }

    [Fact]
    public async Task The_journey_operations_keep_their_names_and_sessions()
    {
        var operations = Operations(await DocumentAsync(service.Api)).ToDictionary(o => o.Operation.GetProperty("operationId").GetString()!, o => o.Operation);
        string[] Schemes(string id) => [.. operations[id].GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject()).Select(r => r.Name)];

        Assert.Equal(["applicantSession"], Schemes("StartApplication"));
        Assert.Equal(["applicantSession"], Schemes("ReportLoss"));
        Assert.Equal(["applicantSession"], Schemes("CreatePayment"));
        Assert.Equal(["officerSession"], Schemes("ApproveApplication"));
        Assert.Equal(["officerSession"], Schemes("DispatchCard"));
        Assert.Equal(["applicantSession", "officerSession"], Schemes("LogOut"));
        Assert.Empty(Schemes("SubmitPhotoByNumber"));
        Assert.Empty(Schemes("LogInApplicant"));
        Assert.Contains("StartApplication", operations.Keys);
        Assert.NotNull(operations["StartApplication"].GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("region").GetString());
    }

    [Fact]
    public async Task Problems_the_service_answers_with_are_listed_for_their_operation()
    {
        var operations = Operations(await DocumentAsync(service.Api)).ToDictionary(o => o.Operation.GetProperty("operationId").GetString()!, o => o.Operation);
        var journey = await Journey.Begin(service.Api, "hunan");
        var noRealName = await Api.ExpectProblem(await service.Api.Post("/api/applications", journey.Token,
            new { region = "hunan", @case = "Loss", householdNumber = journey.Field("householdNumber") }), HttpStatusCode.Forbidden, "real_name_required");
        var unknown = await Api.ExpectProblem(await service.Api.Send(HttpMethod.Get, $"/api/applications/{Guid.NewGuid()}/progress", journey.Token),
            HttpStatusCode.NotFound, "application_not_found");
        var anonymous = await Api.Expect(await service.Api.Send(HttpMethod.Get, "/api/applications", null), HttpStatusCode.Unauthorized);

        AssertListed(operations["StartApplication"], 403, noRealName);
        AssertListed(operations["GetProgress"], 404, unknown);
        AssertListed(operations["ListApplications"], 401, anonymous);
    }

    /// <summary>Codes the source raises that no operation answers with, each with where it is answered instead.</summary>
    private static readonly Dictionary<string, string> AnsweredElsewhere = new()
    {
        ["holder_denial_too_early"] = "the 不是我本人 page (HolderAlerts/Pages/NotMe) shows it; no operation",
        ["holder_denial_too_late"] = "the 不是我本人 page (HolderAlerts/Pages/NotMe) shows it; no operation",
        ["holder_denial_cleared"] = "the 不是我本人 page (HolderAlerts/Pages/NotMe) shows it; no operation",
        ["wechat_authorization_state_mismatch"] = "WeChat's 网页授权 redirect back to the payment page (Payments/Pages/Pay)",
        ["wechat_authorization_expired"] = "WeChat's 网页授权 redirect back to the payment page (Payments/Pages/Pay)",
        ["wechat_authorization_failed"] = "WeChat's 网页授权 redirect back to the payment page (Payments/Pages/Pay)",
        ["payment_already_settled"] = "an invariant of PaymentOrder.RecordPaid; PaymentSettlement checks IsSettled first",
        ["payment_not_pending"] = "an invariant of PaymentOrder.Close; only pending orders are closed",
        ["photo_check_outdated"] = "the photo page's confirmation (Photos/Pages/Photo, Studio): the API submits a photo in one call",
        ["sso_not_linked"] = "the officer log-in page (Auth/Pages/OfficerLogin) after the identity provider's redirect; no operation",
        ["sso_officer_disabled"] = "the officer log-in page (Auth/Pages/OfficerLogin) after the identity provider's redirect; no operation",
        ["sso_failed"] = "the officer log-in page (Auth/Pages/OfficerLogin) after the identity provider's redirect; no operation",
        ["evidence_not_confirmed"] = "the officer's detail page (Review/Pages/Detail) asks for it before 审核通过; the API approves in one call",
    };

    [Fact]
    public async Task Every_problem_code_the_source_raises_is_listed_by_the_document()
    {
        // Every code written where a problem is made: new Problem(kind, "code", …), Problems.X("code", …), DomainException("code", …)
        // and the gateways' rejections. A handler that returns a new code and forgets OpenApi/ProblemCatalogue.cs fails here.
        var raised = Directory.EnumerateFiles(Path.Combine(ServiceFixture.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => RaisedCode().Matches(File.ReadAllText(f)).Select(m => m.Groups["code"].Value))
            .ToHashSet();
        Assert.True(raised.Count > 60, $"only {raised.Count} codes found in the source: the pattern no longer matches how problems are made");

        var document = await DocumentAsync(service.Api);
        var listed = new HashSet<string>();
        foreach (var operation in Operations(document).Select(o => o.Operation)
            .Concat(document.GetProperty("webhooks").EnumerateObject().SelectMany(w => w.Value.EnumerateObject()).Select(o => o.Value)))
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject())
            {
                if (response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out var media)
                    && media.TryGetProperty("examples", out var examples))
                {
                    listed.UnionWith(examples.EnumerateObject().Select(e => e.Value.GetProperty("value").GetProperty("code").GetString()!));
                }
            }
        }

        Assert.Empty(raised.Except(listed).Except(AnsweredElsewhere.Keys).Order());
        // An exception that is listed after all has no business in the list of exceptions.
        Assert.DoesNotContain(AnsweredElsewhere.Keys, listed.Contains);
    }

    [Fact]
    public async Task Gateway_callbacks_are_webhooks_with_their_signature_headers_not_client_paths()
    {
        var document = await DocumentAsync(service.Api);
        Assert.DoesNotContain(document.GetProperty("paths").EnumerateObject(), p => p.Name.StartsWith("/api/payments/notify", StringComparison.Ordinal) || p.Name == "/api/courier/events");
        foreach (var name in new[] { "paymentNotification", "courierEvent" })
        {
            var operation = document.GetProperty("webhooks").GetProperty(name).GetProperty("post");
            var headers = operation.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header" && p.GetProperty("required").GetBoolean())
                .Select(p => p.GetProperty("name").GetString()).ToList();
            Assert.Equal(["Sandbox-Nonce", "Sandbox-Signature", "Sandbox-Timestamp"], headers.Order());
            Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{name}: a bad signature is a 401");
            Assert.True(operation.GetProperty("requestBody").GetProperty("required").GetBoolean());
        }
    }

    [Fact]
    public async Task Without_configured_servers_the_document_names_the_address_it_was_fetched_from()
    {
        var servers = (await DocumentAsync(service.Api)).GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()).ToList();
        Assert.Equal([service.Api.Http.BaseAddress!.GetLeftPart(UriPartial.Authority)], servers);
    }

    internal static async Task<JsonElement> DocumentAsync(Api api) =>
        await Api.Expect(await api.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)), HttpStatusCode.OK);

    private static IEnumerable<(string Where, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        where Methods.Contains(operation.Name)
        select ($"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value);

    private static void AssertListed(JsonElement operation, int status, JsonElement problem)
    {
        var listed = operation.GetProperty("responses").GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .GetProperty("content").GetProperty("application/problem+json").GetProperty("examples");
        Assert.True(listed.TryGetProperty(problem.GetProperty("code").GetString()!, out _), $"{operation.GetProperty("operationId")} {status}: {problem.GetProperty("code")} not listed");
    }

    [GeneratedRegex(@"(?:new Problem\([^,()]+,\s*|Problems\.[A-Za-z]+\(|DomainException\(|RejectedException\(|Unverified\()""(?<code>[a-z0-9_]+)""")]
    private static partial Regex RaisedCode();

    [GeneratedRegex("^[A-Z][A-Za-z]+$")]
    private static partial Regex PascalCase();
}

public sealed class PublishedService() : ServiceFixture(new Dictionary<string, string>
{
    ["OpenApi:Servers:0:Url"] = "https://idreissue.gov.example/",
    ["OpenApi:Servers:0:Description"] = "生产",
    ["OpenApi:Servers:1:Url"] = "https://sandbox.idreissue.gov.example",
});

public sealed class OpenApiServerTests(PublishedService service) : IClassFixture<PublishedService>
{
    [Fact]
    public async Task The_document_offers_the_configured_servers_without_a_trailing_slash()
    {
        var servers = (await OpenApiDocumentTests.DocumentAsync(service.Api)).GetProperty("servers").EnumerateArray().ToList();
        Assert.Equal(["https://idreissue.gov.example", "https://sandbox.idreissue.gov.example"], servers.Select(s => s.GetProperty("url").GetString()));
        Assert.Equal("生产", servers[0].GetProperty("description").GetString());
    }
}
