using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IdReissue.Infrastructure.Security;

/// <summary>PBKDF2-SHA256 password hashes, stored as "iterations.salt.hash".</summary>
public static class PasswordHasher
{
    private const int Iterations = 210_000;

    /// <summary>A well-formed hash no password matches (its salt and hash are random): verifying against it
    /// costs what a real verification costs, for log-ins whose username does not exist.</summary>
    public static readonly string Unmatchable = string.Create(CultureInfo.InvariantCulture,
        $"{Iterations}.{Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))}.{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}");

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return string.Create(CultureInfo.InvariantCulture, $"{Iterations}.{Convert.ToBase64String(salt)}.{Convert.ToBase64String(hash)}");
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('.');
        if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }

        var expected = Convert.FromBase64String(parts[2]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Convert.FromBase64String(parts[1]), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
