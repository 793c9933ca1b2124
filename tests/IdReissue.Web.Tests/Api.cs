using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace IdReissue.Web.Tests;

/// <summary>A thin client for the service's HTTP API, speaking JSON as any client would.</summary>
public sealed class Api(HttpClient http, ServiceFixture service)
{
    public HttpClient Http { get; } = http;

    public ServiceFixture Service { get; } = service;

    public async Task<JsonElement> NewResident(string region, string profile = "eligible")
    {
        var response = await Http.PostAsJsonAsync("/sandbox/residents", new { region, profile });
        return await Expect(response, HttpStatusCode.Created);
    }

    public async Task<string> LoginApplicant(string phone)
    {
        await Expect(await Http.PostAsJsonAsync("/api/auth/sms-codes", new { phone }), HttpStatusCode.Accepted);
        var code = await LatestSmsCode(phone);
        var session = await Expect(await Http.PostAsJsonAsync("/api/auth/applicant-sessions", new { phone, code }), HttpStatusCode.OK);
        return session.GetProperty("token").GetString()!;
    }

    /// <summary>The newest log-in code the sandbox sent to the phone.</summary>
    public async Task<string> LatestSmsCode(string phone)
    {
        var messages = await Expect(await Http.PostAsJsonAsync("/sandbox/sms/inbox", new { phone }), HttpStatusCode.OK);
        var text = messages.EnumerateArray().Select(m => m.GetProperty("text").GetString()!).First(t => t.Contains("验证码", StringComparison.Ordinal));
        return System.Text.RegularExpressions.Regex.Match(text, "验证码为([0-9]{6})").Groups[1].Value;
    }

    public async Task<string> LoginOfficer(string username)
    {
        var session = await Expect(await Http.PostAsJsonAsync("/api/auth/officer-sessions", new { username, password = Service.OfficerPassword(username) }), HttpStatusCode.OK);
        return session.GetProperty("token").GetString()!;
    }

    public Task<HttpResponseMessage> Send(HttpMethod method, string path, string? token, object? body = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (body is HttpContent content)
        {
            request.Content = content;
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> Post(string path, string? token, object? body = null, string? idempotencyKey = null) =>
        Send(HttpMethod.Post, path, token, body, idempotencyKey);

    public async Task<JsonElement> Get(string path, string token) => await Expect(await Send(HttpMethod.Get, path, token), HttpStatusCode.OK);

    public static MultipartFormDataContent Upload(string field, byte[] bytes, string fileName = "photo.jpg")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, field, fileName);
        return form;
    }

    /// <summary>Asserts the status and returns the JSON body (or an empty element for no content).</summary>
    public static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a ProblemDetails with this status and code, with a Chinese detail.</summary>
    public static async Task<JsonElement> ExpectProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await Expect(response, status);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("\\p{IsCJKUnifiedIdeographs}", problem.GetProperty("detail").GetString());
        return problem;
    }

    /// <summary>Polls the progress until the application reaches <paramref name="state"/> (gateways answer asynchronously).</summary>
    public async Task<JsonElement> WaitForState(Guid applicationId, string token, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonElement progress;
        do
        {
            progress = await Get($"/api/applications/{applicationId}/progress", token);
            if (progress.GetProperty("state").GetString() == state)
            {
                return progress;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"application stayed in {progress.GetProperty("state")} instead of reaching {state}");
        return progress;
    }
}
