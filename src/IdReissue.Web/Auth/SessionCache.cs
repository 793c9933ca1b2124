using System.Collections.Concurrent;
using System.Security.Claims;

namespace IdReissue.Web.Auth;

/// <summary>
/// Remembers a verified applicant session on this node for a few seconds, so the hot read paths (progress
/// queries) do not look the session up on every request. The price: an applicant's log-out or expiry on
/// another node takes effect here within <see cref="Lifetime"/>; on this node at once. Officers' sessions
/// are never kept here (<see cref="SessionAuthenticationHandler"/>): a disabled, reset or demoted officer,
/// or a session an administrator ended, loses access on every node at once.
/// </summary>
public sealed class SessionCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Principal, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public ClaimsPrincipal? TryGet(string tokenHash, DateTimeOffset now)
    {
        if (_entries.TryGetValue(tokenHash, out var entry))
        {
            if (entry.Until > now)
            {
                return entry.Principal;
            }

            _entries.TryRemove(tokenHash, out _);
        }

        return null;
    }

    public void Add(string tokenHash, ClaimsPrincipal principal, DateTimeOffset sessionExpiresAt, DateTimeOffset now)
    {
        if (_entries.Count >= MaxEntries)
        {
            // Crude but bounded: a full cache starts over rather than growing without limit.
            _entries.Clear();
        }

        var until = now + Lifetime;
        _entries[tokenHash] = (principal, until < sessionExpiresAt ? until : sessionExpiresAt);
    }

    public void Remove(string tokenHash) => _entries.TryRemove(tokenHash, out _);
}
