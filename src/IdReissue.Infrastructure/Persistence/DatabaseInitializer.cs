using System.Security.Cryptography;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Sandbox;
using IdReissue.Infrastructure.Sandbox.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure.Persistence;

/// <summary>Applies migrations (EF Core takes a database lock, so nodes starting together do not race), the
/// sandbox's only where the sandbox runs (its context is registered only then: a production database has no
/// sandbox tables), loads the sandbox signing key and seeds demo data, before the server takes requests.</summary>
public sealed class DatabaseInitializer(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    private const string SandboxKeySetting = "sandbox.signing-key";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
        // The portrait engine's models load now, so the first photo is checked as fast as the rest.
        scope.ServiceProvider.GetRequiredService<IdReissue.Portrait.PortraitEngine>();
        await db.Database.MigrateAsync(cancellationToken);
        if (scope.ServiceProvider.GetService<IDbContextFactory<SandboxDbContext>>() is { } sandboxContexts)
        {
            await using var sandbox = await sandboxContexts.CreateDbContextAsync(cancellationToken);
            await sandbox.Database.MigrateAsync(cancellationToken);
        }
        if (db.Database.IsSqlite())
        {
            // Readers do not block the writer, so progress queries stay fast while a payment commits.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // Before anything reads or writes personal data: the data keys, unwrapped by the master key.
        await scope.ServiceProvider.GetRequiredService<Security.Protection.KeyRingStore>().InitializeAsync(cancellationToken);

        var options = scope.ServiceProvider.GetRequiredService<IOptions<SandboxOptions>>().Value;
        if (!options.Enabled)
        {
            return;
        }

        var signer = scope.ServiceProvider.GetRequiredService<SandboxSigner>();
        signer.UseKey(await LoadOrCreateSigningKeyAsync(db, options, cancellationToken));

        if (configuration.GetValue("DemoData:Enabled", true))
        {
            var loginsFile = configuration["DemoData:LoginsFile"] ?? Path.Combine(AppContext.BaseDirectory, "demo-logins.txt");
            await SeedOnceAsync(db, scope.ServiceProvider.GetRequiredService<DemoDataSeeder>(), options, loginsFile, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Several nodes may start on an empty database at once: one seeds, the others see its data.</summary>
    private static async Task SeedOnceAsync(IdReissueDbContext db, DemoDataSeeder seeder, SandboxOptions options, string loginsFile, CancellationToken cancellationToken)
    {
        try
        {
            await seeder.SeedAsync(db, options, loginsFile, cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.Officers.AnyAsync(cancellationToken))
            {
                throw;
            }
        }
    }

    private static async Task<byte[]> LoadOrCreateSigningKeyAsync(IdReissueDbContext db, SandboxOptions options, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return Convert.FromBase64String(options.SigningKey);
        }

        var stored = await db.Settings.FindAsync([SandboxKeySetting], cancellationToken);
        if (stored is not null)
        {
            return Convert.FromBase64String(stored.Value);
        }

        var key = RandomNumberGenerator.GetBytes(32);
        db.Settings.Add(new SettingRecord { Key = SandboxKeySetting, Value = Convert.ToBase64String(key) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return key;
        }
        catch (DbUpdateException)
        {
            // Another node created it first: use theirs.
            db.ChangeTracker.Clear();
            var winner = await db.Settings.AsNoTracking().SingleAsync(s => s.Key == SandboxKeySetting, cancellationToken);
            return Convert.FromBase64String(winner.Value);
        }
    }
}
