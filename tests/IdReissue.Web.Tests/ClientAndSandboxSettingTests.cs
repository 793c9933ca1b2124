using System.Net;
using IdReissue.Web.Abuse;
using IdReissue.Web.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace IdReissue.Web.Tests;

public class ClientAndSandboxSettingTests
{
    [Fact]
    public void An_IPv6_client_is_counted_by_its_64_bit_network_and_an_IPv4_client_by_its_address()
    {
        Assert.Equal(ClientNetworks.Of(IPAddress.Parse("2001:db8:1:2::1")), ClientNetworks.Of(IPAddress.Parse("2001:db8:1:2:ffff:eeee:dddd:cccc")));
        Assert.NotEqual(ClientNetworks.Of(IPAddress.Parse("2001:db8:1:2::1")), ClientNetworks.Of(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("203.0.113.7", ClientNetworks.Of(IPAddress.Parse("::ffff:203.0.113.7")));
        Assert.NotEqual(ClientNetworks.Of(IPAddress.Parse("203.0.113.7")), ClientNetworks.Of(IPAddress.Parse("203.0.113.8")));
    }

    [Theory]
    [InlineData(null, null, "Development", "Sqlite", false)]
    [InlineData("true", null, "Development", "Sqlite", true)]
    [InlineData("true", null, "Production", "Sqlite", true)]
    [InlineData("true", null, "Production", "PostgreSql", false)]
    [InlineData("true", "true", "Production", "PostgreSql", true)]
    [InlineData("false", "true", "Development", "Sqlite", false)]
    [InlineData("true", "false", "Development", "Sqlite", false)]
    public void The_sandbox_log_in_code_inbox_is_served_only_where_asked_for_and_never_by_default_in_production_on_PostgreSQL(
        string? sandbox, string? inbox, string environment, string provider, bool served)
    {
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = provider };
        if (sandbox is not null)
        {
            settings["Sandbox:Enabled"] = sandbox;
        }

        if (inbox is not null)
        {
            settings["Sandbox:SmsInbox"] = inbox;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Assert.Equal(served, SandboxApi.SmsInboxAllowed(configuration, new Environment(environment)));
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "IdReissue.Web";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
