using IdReissue.Infrastructure.Configuration;

namespace IdReissue.Web.OpenApi;

public static class ApiDocumentSetup
{
    /// <summary>The OpenAPI document at <c>/openapi/v1.json</c>, completed by the transformers in this folder.</summary>
    public static IServiceCollection AddApiDocument(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApiServerOptions>(configuration, ApiServerOptions.Section);
        services.AddOpenApi(options =>
        {
            options.AddOperationTransformer<OperationTransformer>();
            options.AddDocumentTransformer<ApiDocumentTransformer>();
        });
        return services;
    }
}
