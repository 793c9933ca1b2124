namespace IdReissue.Application.Ports;

/// <summary>The secrets of officers' accounts: set-up links, the TOTP second factor (RFC 6238) and recovery codes.</summary>
public interface IOfficerSecrets
{
    /// <summary>A random token for a one-time link; only its <see cref="Digest"/> is stored.</summary>
    string NewToken();

    string Digest(string token);

    /// <summary>A new TOTP secret, base32 as authenticator apps take it.</summary>
    string NewSecondFactorSecret();

    /// <summary>The otpauth:// address an authenticator app reads from the QR code.</summary>
    string ProvisioningUri(string secret, string username, string issuer);

    /// <summary>The 30-second time-step the code belongs to (the current one, or one either side for a clock that drifts), or null.</summary>
    long? MatchTimeStep(string secret, string? code, DateTimeOffset now);

    /// <summary>A one-time recovery code, as shown to the officer (groups of letters and digits).</summary>
    string NewRecoveryCode();

    /// <summary>The digest a recovery code is stored as (spaces, dashes and case ignored).</summary>
    string RecoveryCodeDigest(string code);
}
