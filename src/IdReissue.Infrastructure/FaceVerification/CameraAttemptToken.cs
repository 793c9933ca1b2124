using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using Microsoft.AspNetCore.DataProtection;

namespace IdReissue.Infrastructure.FaceVerification;

/// <summary>
/// What the server drew for one camera attempt, sealed (authenticated encryption, the service's data
/// protection keys) into the token the portal sends back with the frames: the client can neither read nor
/// change the challenge, the expiry or whom it was drawn for. The nonce makes it usable once.
/// </summary>
public sealed record CameraAttemptToken(
    [property: JsonPropertyName("n")] string Nonce,
    [property: JsonPropertyName("r")] string Reference,
    [property: JsonPropertyName("p")] string Person,
    [property: JsonPropertyName("c")] IReadOnlyList<LivenessAction> Challenge,
    [property: JsonPropertyName("f")] int FramesPerSecond,
    [property: JsonPropertyName("e")] DateTimeOffset ExpiresAt)
{
    private const string Purpose = "IdReissue.RealPerson.CameraAttempt.v1";

    public static CameraAttemptToken Draw(string citizenId, string reference, IReadOnlyList<LivenessAction> challenge, int fps, DateTimeOffset expiresAt)
    {
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        return new CameraAttemptToken(nonce, reference, PersonOf(nonce, citizenId), challenge, fps, expiresAt);
    }

    public string Seal(IDataProtectionProvider protection) =>
        protection.CreateProtector(Purpose).Protect(JsonSerializer.Serialize(this));

    /// <summary>The token's content, or a coded refusal when it was not issued here (or was altered).</summary>
    public static CameraAttemptToken Open(IDataProtectionProvider protection, string? sealedToken)
    {
        if (string.IsNullOrWhiteSpace(sealedToken) || sealedToken.Length > 4096)
        {
            throw Invalid();
        }

        try
        {
            return JsonSerializer.Deserialize<CameraAttemptToken>(protection.CreateProtector(Purpose).Unprotect(sealedToken.Trim())) ?? throw Invalid();
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            throw Invalid();
        }
    }

    /// <summary>Whether the token was drawn for this resident (the number itself is never in the token).</summary>
    public bool IsFor(string citizenId, string reference) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Person), Encoding.ASCII.GetBytes(PersonOf(Nonce, citizenId)))
        && string.Equals(Reference, reference, StringComparison.Ordinal);

    public static DomainException Invalid() =>
        new("challenge_invalid", "认证动作已失效或不属于本申请，请重新开始实人认证。");

    private static string PersonOf(string nonce, string citizenId) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{nonce}:{citizenId}")));
}
