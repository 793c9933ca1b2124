using System.Security.Cryptography;
using System.Text;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;

namespace IdReissue.Application.HolderAlerts;

/// <summary>
/// The short link texted to the holder: the application number and a keyed hash of the application under the
/// personal-data index key, so no table is needed, every node can check it, and a number alone (the applicant
/// knows it) does not make one. 48 bits of hash, tried at a few wrong links an hour per client.
/// </summary>
public sealed class HolderLinkCode(IBlindIndexes indexes)
{
    public const string Path = "/h/";
    private const int HashLength = 12;

    public string Of(ReissueApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return $"{application.ApplicationNumber}-{indexes.OfHolderLink(application.Id)[..HashLength]}";
    }

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

    public bool Matches(ReissueApplication application, string code) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Of(application)), Encoding.ASCII.GetBytes(code));
}
