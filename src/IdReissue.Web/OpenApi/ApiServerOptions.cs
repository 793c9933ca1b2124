using System.ComponentModel.DataAnnotations;

namespace IdReissue.Web.OpenApi;

/// <summary>
/// The base URLs the OpenAPI document offers (<c>OpenApi:Servers:0:Url</c>, …), as an operator publishes
/// them behind the gateway. Without any, the document names the address it was fetched from.
/// </summary>
public sealed class ApiServerOptions : IValidatableObject
{
    public const string Section = "OpenApi";

    public List<ApiServer> Servers { get; init; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Servers.Count; i++)
        {
            if (!Uri.TryCreate(Servers[i].Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            {
                yield return new ValidationResult($"OpenApi:Servers:{i}:Url must be an absolute http(s) address.", [nameof(Servers)]);
            }
        }
    }
}

public sealed class ApiServer
{
    public string Url { get; init; } = string.Empty;

    public string? Description { get; init; }
}
