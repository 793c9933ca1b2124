using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>
/// The sandbox's stand-in for a certified 实人认证 provider (Tencent Cloud FaceID's H5 flow): BeginAsync
/// opens the sandbox's own provider page (/sandbox/faceid/{token}), where the tester chooses what the
/// provider found, as at the sandbox cashier; the page sends the browser back with a BizToken (as
/// <c>token</c>, the way Tencent does), and
/// CompleteAsync reads the verdict from it, once. It decides nothing itself and exists only with the other
/// sandbox gateways: with Sandbox:Enabled off, or TencentFaceId:Enabled on, it is not registered.
/// </summary>
public sealed class SandboxFaceIdVerification(
    IDataProtectionProvider protection, IDbContextFactory<IdReissueDbContext> dbFactory, IOptions<SandboxOptions> options, TimeProvider time)
    : IRealPersonVerification
{
    public const string ChannelName = "sandbox-faceid";
    public const string CompletedSource = "faceid:sandbox";
    public const string Passed = "passed";
    public const string NotLive = "not_live";
    public const string NotMatched = "not_matched";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private const string PagePurpose = "IdReissue.Sandbox.FaceId.Page.v1";
    private const string ResultPurpose = "IdReissue.Sandbox.FaceId.Result.v1";

    public string Channel => ChannelName;

    public Task<RealPersonAttempt> BeginAsync(RealPersonRequest request, CancellationToken cancellationToken)
    {
        var expiresAt = time.GetUtcNow() + Lifetime;
        var page = new SandboxFaceIdSession(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), request.Reference, PersonOf(request.CitizenId),
            request.ReturnUrl.AbsoluteUri, expiresAt, null);
        var token = protection.CreateProtector(PagePurpose).Protect(JsonSerializer.Serialize(page));
        var baseUrl = (options.Value.CallbackBaseUrl ?? request.ReturnUrl.GetLeftPart(UriPartial.Authority)).TrimEnd('/');
        return Task.FromResult(new RealPersonAttempt(token, expiresAt, [], 0, new Uri($"{baseUrl}/sandbox/faceid/{Uri.EscapeDataString(token)}")));
    }

    /// <summary>The sandbox provider page's session, or null when the token is not one of its own (or expired).</summary>
    public SandboxFaceIdSession? OpenPage(string token)
    {
        var session = Open(PagePurpose, token);
        return session is not null && session.ExpiresAt >= time.GetUtcNow() ? session : null;
    }

    /// <summary>Where the page sends the browser back to, with the BizToken that carries the tester's choice.</summary>
    public Uri Decide(SandboxFaceIdSession session, string outcome)
    {
        var decided = session with { Outcome = outcome is Passed or NotLive or NotMatched ? outcome : NotLive };
        var bizToken = protection.CreateProtector(ResultPurpose).Protect(JsonSerializer.Serialize(decided));
        return new Uri($"{session.ReturnUrl}{(session.ReturnUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?')}token={Uri.EscapeDataString(bizToken)}");
    }

    public async Task<RealPersonResult> CompleteAsync(RealPersonCompletion completion, CancellationToken cancellationToken)
    {
        var session = Open(ResultPurpose, completion.Token)
            ?? throw new DomainException("face_session_unknown", "未找到该人脸核身记录，请重新发起核身。", DomainErrorKind.NotFound);
        if (session.Reference != completion.Reference || session.Person != PersonOf(completion.CitizenId))
        {
            throw new DomainException("face_session_mismatch", "该人脸核身记录不属于本次申请，请重新发起核身。", DomainErrorKind.Forbidden);
        }

        if (session.ExpiresAt < time.GetUtcNow())
        {
            throw new DomainException("face_session_expired", "人脸核身已超时，请重新发起核身。", DomainErrorKind.Conflict);
        }

        if (!await OnceOnlyRecord.TryRecordAsync(dbFactory, new ReceivedNotification
            {
                Source = CompletedSource, NotificationId = session.Nonce, Reference = session.Reference, ReceivedAt = time.GetUtcNow(), Outcome = session.Outcome ?? "",
            }))
        {
            throw new DomainException("face_session_used", "该人脸核身结果已使用过，请重新发起核身。", DomainErrorKind.Conflict);
        }

        return session.Outcome switch
        {
            Passed => new RealPersonResult(Channel, LivenessVerdict.Live, FaceVerificationOutcome.Match, [], [], [], null, null, null, null) { ProviderCode = "0" },
            NotMatched => new RealPersonResult(Channel, LivenessVerdict.Live, FaceVerificationOutcome.NoMatch, [], [], [], null, null, null, null) { ProviderCode = "2004" },
            _ => new RealPersonResult(Channel, LivenessVerdict.NotLive, FaceVerificationOutcome.NoMatch, [], [], ["presentation_attack"],
                "人脸核身服务未能确认是本人实时操作，请重新核身。", null, null, null) { ProviderCode = "1001" },
        };
    }

    private SandboxFaceIdSession? Open(string purpose, string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 4096)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<SandboxFaceIdSession>(protection.CreateProtector(purpose).Unprotect(token));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private static string PersonOf(string citizenId) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("sandbox-faceid:" + citizenId)));
}

/// <summary>One attempt at the sandbox provider: whom for, where back to, and (once decided) what the tester chose.</summary>
public sealed record SandboxFaceIdSession(string Nonce, string Reference, string Person, string ReturnUrl, DateTimeOffset ExpiresAt, string? Outcome);
