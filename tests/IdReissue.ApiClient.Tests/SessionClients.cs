using IdReissue.ApiClient;
using IdReissue.Web.Tests;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace IdReissue.ApiClient.Tests;

/// <summary>
/// The generated client as a bureau's system would set it up: the service's base URL and, for a signed-in
/// party, its session token as the bearer (the document's applicantSession / officerSession schemes).
/// </summary>
public sealed class SessionClients(ServiceFixture service)
{
    public IdReissueClient Anonymous() => Create(new AnonymousAuthenticationProvider());

    public IdReissueClient For(string token) => Create(new BaseBearerTokenAuthenticationProvider(new SessionToken(token)));

    private IdReissueClient Create(IAuthenticationProvider authentication)
    {
        var http = service.CreateClient();
        var adapter = new HttpClientRequestAdapter(authentication, httpClient: http)
        {
            BaseUrl = http.BaseAddress!.GetLeftPart(UriPartial.Authority),
        };
        return new IdReissueClient(adapter);
    }

    private sealed class SessionToken(string token) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new();

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(token);
    }
}
