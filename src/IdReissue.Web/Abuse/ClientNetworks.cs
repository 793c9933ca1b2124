using System.Net;
using System.Net.Sockets;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Security.Protection;

namespace IdReissue.Web.Abuse;

/// <summary>Which client a per-client limit counts, by its network, kept only as a blind index.</summary>
public static class ClientNetworks
{
    public static string KeyOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.RequestServices.GetRequiredService<PersonalDataProtector>().BlindIndex(BlindIndexKinds.Client, Of(http.Connection.RemoteIpAddress));
    }

    /// <summary>The address a limit counts: an IPv4 address as it is, an IPv6 address by its /64 network, since
    /// one subscriber is usually given a whole /64 and could otherwise take a fresh address for every request.</summary>
    public static string Of(IPAddress? address) => Of(address, 64);

    /// <summary>As <see cref="Of(IPAddress?)"/>, an IPv6 address by its network of <paramref name="ipv6PrefixLength"/> bits: the
    /// per-node CPU budgets take a wider prefix (a /56 or /48, often one subscriber's) than the database's per-client limits.</summary>
    public static string Of(IPAddress? address, int ipv6PrefixLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ipv6PrefixLength, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ipv6PrefixLength, 128);
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        var whole = ipv6PrefixLength / 8;
        if (whole < 16)
        {
            bytes[whole] &= (byte)(0xFF << (8 - ipv6PrefixLength % 8));
            bytes[(whole + 1)..].Clear();
        }

        return new IPAddress(bytes).ToString() + "/" + ipv6PrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
