namespace IdReissue.Web.OpenApi;

/// <summary>
/// The base URLs the OpenAPI document offers (<c>OpenApi:Servers:0:Url</c>, …), as an operator publishes
/// them behind the gateway. Without any, the document names the address it was fetched from.
/// </summary>
public sealed class ApiServerOptions
{
    public const string Section = "OpenApi";

    public List<ApiServer> Servers { get; init; } = [];
}

public sealed class ApiServer
{
    public string Url { get; init; } = string.Empty;

    public string? Description { get; init; }
}
