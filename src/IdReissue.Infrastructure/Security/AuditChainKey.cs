using System.Text;
using IdReissue.Infrastructure.Security.Protection;
using Microsoft.Extensions.Configuration;

namespace IdReissue.Infrastructure.Security;

/// <summary>
/// The secret that keys the audit chain (HMAC-SM3) and signs its anchors. It lives outside the database
/// (`Security:AuditKey`, like the master keys), so someone who can rewrite audit rows cannot compute the
/// MACs that would make the rewrite verify. Two keys are derived from it, one per use, so an anchor
/// line can never pass for a chain entry or the other way round.
/// </summary>
public sealed class AuditChainKey
{
    private readonly byte[] _chainKey;
    private readonly byte[] _anchorKey;

    public AuditChainKey(byte[] secret)
    {
        if (secret.Length < 32)
        {
            throw new InvalidOperationException("Security:AuditKey must be at least 32 bytes (base64 of 32 random bytes).");
        }

        _chainKey = Sm3.Hmac(secret, "idreissue/audit-chain/v2"u8);
        _anchorKey = Sm3.Hmac(secret, "idreissue/audit-anchor/v1"u8);
    }

    /// <summary>HMAC-SM3 of an entry's canonical text, lower-case hex (the same width as the SM3 hashes it replaces).</summary>
    public string ChainMac(string text) => Convert.ToHexStringLower(Sm3.Hmac(_chainKey, Encoding.UTF8.GetBytes(text)));

    public string AnchorMac(string text) => Convert.ToHexStringLower(Sm3.Hmac(_anchorKey, Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// `Security:AuditKey` (base64 of 32 random bytes). Without one, a sandbox keeps a generated key in
    /// `audit.key` beside its SQLite file, as it does the master key; anything else refuses to start.
    /// </summary>
    public static AuditChainKey Load(IConfiguration configuration)
    {
        var configured = configuration[$"{MasterKeyConfiguration.Section}:AuditKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new AuditChainKey(Convert.FromBase64String(configured));
        }

        if (!configuration.GetValue("Sandbox:Enabled", true))
        {
            throw new InvalidOperationException(
                "No audit key: set Security:AuditKey (base64 of 32 random bytes, kept out of the database), e.g. from the environment. See docs/security.md.");
        }

        var file = configuration[$"{MasterKeyConfiguration.Section}:AuditKeyFile"] ?? MasterKeyConfiguration.BesideDatabase(configuration, "audit.key");
        return new AuditChainKey(MasterKeyConfiguration.LoadOrCreate(file));
    }
}
