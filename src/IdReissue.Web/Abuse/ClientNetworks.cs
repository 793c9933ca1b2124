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
    public static string Of(IPAddress? address)
    {
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
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
