using System.Globalization;
using IdReissue.Application.Common;
using IdReissue.Application.Officers;
using IdReissue.Domain.Common;

namespace IdReissue.Web.Officers;

/// <summary>
/// `dotnet IdReissue.Web.dll admin COMMAND`, run with the service's configuration against its database (migrated first,
/// as a starting node would): the first administrator of an empty database, and a way back in for a locked-out one.
/// There is no default password: each prints a one-time set-up link through which the officer chooses one (and enrols
/// the second factor, where `Officers:RequireSecondFactor` is on). Both are audit entries (actor "system").
/// <code>
/// admin create --username NAME --display-name "姓名" [--regions ID,ID|*] [--roles admin,reveal]
/// admin reset --username NAME
/// </code>
/// </summary>
public static class AdminCommands
{
    public const string Usage = """
        用法：
          dotnet IdReissue.Web.dll admin create --username 用户名 --display-name 姓名 [--regions 地区,地区|*] [--roles admin,reveal]
              新建管理员（默认角色 admin，默认地区 *，即全部地区；可列多个地区，以逗号分隔），打印一次性设置链接
          dotnet IdReissue.Web.dll admin reset --username 用户名
              重置账号（清除密码、动态码和恢复码，结束全部会话），打印新的一次性设置链接
        """;

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var options = Options(args.Skip(1).ToList());
        if (args.Count == 0 || options is null || !options.TryGetValue("username", out var username))
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }

        // What a node does before it serves: the schema migrated, the data keys ready (an empty database has neither).
        foreach (var initializer in services.GetServices<IHostedService>().OfType<IdReissue.Infrastructure.Persistence.DatabaseInitializer>())
        {
            await initializer.StartAsync(CancellationToken.None);
        }

        await using var scope = services.CreateAsyncScope();
        Result<OfficerSetupLink> link;
        switch (args[0])
        {
            case "create":
                var roles = options.TryGetValue("roles", out var listed) ? listed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [OfficerRights.Admin];
                // "--region" is still read: it was the option's name when an officer held one region.
                var regions = (options.GetValueOrDefault("regions") ?? options.GetValueOrDefault("region") ?? OfficerScope.EveryRegion)
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                link = await scope.ServiceProvider.GetRequiredService<CreateOfficerHandler>().HandleAsync(
                    new CreateOfficer(null, username, options.GetValueOrDefault("display-name"), roles, regions), CancellationToken.None);
                break;
            case "reset":
                link = await scope.ServiceProvider.GetRequiredService<ResetOfficerHandler>().HandleAsync(new ResetOfficer(null, username), CancellationToken.None);
                break;
            default:
                await output.WriteLineAsync(Usage);
                return 2;
        }

        if (!link.Succeeded)
        {
            await output.WriteLineAsync($"未办理：{link.Problem!.Message}（{link.Problem.Code}）");
            return 1;
        }

        var publicUrl = scope.ServiceProvider.GetRequiredService<OfficerOptions>().PublicUrl?.TrimEnd('/') ?? string.Empty;
        await output.WriteLineAsync(args[0] == "create" ? $"已创建办事人员账号 {link.Value.Username}。" : $"已重置办事人员账号 {link.Value.Username}，其全部会话已结束。");
        await output.WriteLineAsync($"一次性设置链接（{ChinaTime.Local(link.Value.ExpiresAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} 前有效，只能使用一次）：");
        await output.WriteLineAsync(publicUrl + link.Value.Path);
        await output.WriteLineAsync("请通过可靠途径交给本人，由其打开链接设置密码" + (scope.ServiceProvider.GetRequiredService<OfficerOptions>().RequireSecondFactor ? "并绑定身份验证器。" : "。"));
        return 0;
    }

    /// <summary>"--name value" pairs; null when one has no value.</summary>
    private static Dictionary<string, string>? Options(List<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                return null;
            }

            options[args[i][2..]] = args[i + 1];
        }

        return options;
    }
}
