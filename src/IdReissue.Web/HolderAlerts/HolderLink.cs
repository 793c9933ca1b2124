using System.Security.Cryptography;
using System.Text;
using IdReissue.Domain.Applications;
using IdReissue.Infrastructure.Persistence;

namespace IdReissue.Web.HolderAlerts;

/// <summary>
/// The short link texted to the holder: the application number and a keyed hash of the application under the
/// personal-data index key, so no table is needed, every node can check it, and a number alone (the applicant
/// knows it) does not make one. 48 bits of hash, tried at a few wrong links an hour per client.
/// </summary>
public static class HolderLink
{
    public const string Path = "/h/";
    private const string IndexKind = "holder-link";
    private const int HashLength = 12;

    public static string Code(IdReissueDbContext db, ReissueApplication application) =>
        $"{application.ApplicationNumber}-{Hash(db, application.Id)}";

    /// <summary>The application number a link names, or null when it is not shaped like one of ours.</summary>
    public static string? NumberOf(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 64)
        {
            return null;
        }

        var dash = code.LastIndexOf('-');
        return dash > 0 && code.Length - dash - 1 == HashLength && code[..dash].All(char.IsAsciiLetterOrDigit) ? code[..dash] : null;
    }

    public static bool Matches(IdReissueDbContext db, ReissueApplication application, string code) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(db, application)), Encoding.ASCII.GetBytes(code));

    private static string Hash(IdReissueDbContext db, Guid applicationId) => db.BlindIndex(IndexKind, applicationId.ToString("N"))[..HashLength];
}
