using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Infrastructure.Configuration;

/// <summary>
/// Options bound from one configuration section and validated (data annotations and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>)
/// when the host starts: a node with a value out of range or a gateway switched on without its credentials refuses to
/// start, and the message names the key (each rule's message does), instead of failing at the first request that needs it.
/// </summary>
public static class ValidatedOptions
{
    public static IServiceCollection AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
