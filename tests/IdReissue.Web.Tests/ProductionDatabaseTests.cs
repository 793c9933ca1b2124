using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Sandbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>
/// The sandbox's tables live in a context and migrations of their own (schema "sandbox" on PostgreSQL), which
/// only a host running the sandbox migrates: a production database has none of them. Runs on SQLite, and on
/// PostgreSQL where IDREISSUE_TEST_POSTGRES is set.
/// </summary>
public sealed class ProductionDatabaseTests
{
    [Fact]
    public async Task A_production_database_has_no_sandbox_tables()
    {
        var service = new ProductionProfileService();
        await ((IAsyncLifetime)service).InitializeAsync();
        try
        {
            Assert.Null(service.Services.GetService<IDbContextFactory<SandboxDbContext>>());
            var tables = await TablesAsync(service);

            Assert.Contains(tables, t => t.EndsWith("Applications", StringComparison.Ordinal));
            Assert.DoesNotContain(tables, t => t.Contains("Sandbox", StringComparison.OrdinalIgnoreCase));
            Assert.Empty(await SandboxSchemaAsync(service));
        }
        finally
        {
            await ((IAsyncLifetime)service).DisposeAsync();
        }
    }

    [Fact]
    public async Task A_sandbox_database_keeps_the_sandbox_tables_in_their_own_schema_and_history()
    {
        var service = new ServiceFixture();
        await ((IAsyncLifetime)service).InitializeAsync();
        try
        {
            var tables = await TablesAsync(service);
            var prefix = ServiceFixture.Provider == "Sqlite" ? string.Empty : SandboxDbContext.Schema + ".";
            string[] sandboxTables = ["SandboxResidents", "SandboxPaymentOrders", "SandboxProductionHandoffs", "SandboxShipments", "SandboxSmsMessages", SandboxDbContext.MigrationsHistoryTable];

            Assert.All(sandboxTables, t => Assert.Contains(prefix + t, tables));
            Assert.Equal(sandboxTables.Length, tables.Count(t => t.Contains("Sandbox", StringComparison.OrdinalIgnoreCase)));
            Assert.Equal(ServiceFixture.Provider == "Sqlite" ? [] : [SandboxDbContext.Schema], await SandboxSchemaAsync(service));
            await using var sandbox = await service.Services.GetRequiredService<IDbContextFactory<SandboxDbContext>>().CreateDbContextAsync();
            Assert.True(await sandbox.SandboxResidents.AnyAsync());
        }
        finally
        {
            await ((IAsyncLifetime)service).DisposeAsync();
        }
    }

    /// <summary>Every table of the database, schema-qualified on PostgreSQL.</summary>
    private static async Task<List<string>> TablesAsync(ServiceFixture service)
    {
        await using var db = await service.Services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>().CreateDbContextAsync();
        return await (db.Database.IsSqlite()
            ? db.Database.SqlQueryRaw<string>("""SELECT name AS "Value" FROM sqlite_master WHERE type = 'table'""")
            : db.Database.SqlQueryRaw<string>("""SELECT table_schema || '.' || table_name AS "Value" FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"""))
            .ToListAsync();
    }

    private static async Task<List<string>> SandboxSchemaAsync(ServiceFixture service)
    {
        await using var db = await service.Services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>().CreateDbContextAsync();
        return db.Database.IsSqlite()
            ? []
            : await db.Database.SqlQueryRaw<string>($"""SELECT schema_name AS "Value" FROM information_schema.schemata WHERE schema_name = '{SandboxDbContext.Schema}'""").ToListAsync();
    }

    /// <summary>
    /// As deployed: the sandbox switched off. The real gateways a deployment configures are not called here,
    /// so each is only registered, failing if it ever were.
    /// </summary>
    private sealed class ProductionProfileService() : ServiceFixture(new Dictionary<string, string>
    {
        ["Sandbox:Enabled"] = "false",
        ["Security:AuditKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
    })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<IHouseholdRegistry>(_ => throw new NotSupportedException("no household registry in this test"));
                services.AddSingleton<IRegistryPhotos>(_ => throw new NotSupportedException("no registry photos in this test"));
                services.AddSingleton<IProductionCentre>(_ => throw new NotSupportedException("no production centre in this test"));
                services.AddSingleton<ISmsSender>(_ => throw new NotSupportedException("no SMS gateway in this test"));
                services.AddSingleton<ICourierGateway>(_ => throw new NotSupportedException("no courier in this test"));
            });
        }
    }
}
