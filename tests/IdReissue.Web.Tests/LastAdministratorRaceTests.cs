using IdReissue.Application.Common;
using IdReissue.Application.Officers;
using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Stores;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IdReissue.Web.Tests;

/// <summary>
/// Two administrators, the only two, disable (or demote) each other at the same moment, on the real database (SQLite, or
/// PostgreSQL where IDREISSUE_TEST_POSTGRES is set). Both are held after counting the administrators, so both pass the
/// check before the change whatever the machine's speed; the save's own count keeps one administrator, and the other
/// change is refused as last_administrator.
/// </summary>
public sealed class LastAdministratorRaceTests(LastAdministratorRaceTests.RaceService service) : IClassFixture<LastAdministratorRaceTests.RaceService>
{
    [Fact]
    public async Task Two_administrators_disabling_each_other_at_once_leave_one_enabled()
    {
        await CreateAdministratorAsync("race-disable-a");
        await CreateAdministratorAsync("race-disable-b");
        await OnlyTheseAdministratorsAsync("race-disable-a", "race-disable-b");

        service.Gate.Arm(parties: 2);
        var results = await Task.WhenAll(
            Task.Run(() => DisableAsync("race-disable-a", "race-disable-b")),
            Task.Run(() => DisableAsync("race-disable-b", "race-disable-a")));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Problem?.Code == "last_administrator");
        Assert.Single(await EnabledAdministratorsAsync());
    }

    [Fact]
    public async Task Two_administrators_demoting_each_other_at_once_leave_one_administrator()
    {
        await CreateAdministratorAsync("race-demote-a");
        await CreateAdministratorAsync("race-demote-b");
        await OnlyTheseAdministratorsAsync("race-demote-a", "race-demote-b");

        service.Gate.Arm(parties: 2);
        var results = await Task.WhenAll(
            Task.Run(() => DemoteAsync("race-demote-a", "race-demote-b")),
            Task.Run(() => DemoteAsync("race-demote-b", "race-demote-a")));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Problem?.Code == "last_administrator");
        Assert.Single(await EnabledAdministratorsAsync());
    }

    /// <summary>An administrator of every region, as the operator's command line makes one (no password needed to count).</summary>
    private async Task CreateAdministratorAsync(string username)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<CreateOfficerHandler>().HandleAsync(
            new CreateOfficer(null, username, "管理员", [OfficerRights.Admin], [OfficerScope.EveryRegion]), CancellationToken.None);
        Assert.True(created.Succeeded, created.Problem?.Message);
    }

    /// <summary>Every other administrator of this fixture (an earlier test's survivor) disabled first, so these two are the only ones.</summary>
    private async Task OnlyTheseAdministratorsAsync(string first, string second)
    {
        foreach (var other in (await EnabledAdministratorsAsync()).Where(u => u != first && u != second))
        {
            Assert.True((await DisableAsync(first, other)).Succeeded);
        }

        Assert.Equal([first, second], (await EnabledAdministratorsAsync()).Order(StringComparer.Ordinal));
    }

    private async Task<Result<OfficerCredentials>> DisableAsync(string administrator, string target)
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SetOfficerDisabledHandler>().HandleAsync(
            new SetOfficerDisabled(new OfficerScope(administrator, OfficerRegions.Every), target, Disabled: true), CancellationToken.None);
    }

    private async Task<Result<OfficerCredentials>> DemoteAsync(string administrator, string target)
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EditOfficerHandler>().HandleAsync(
            new EditOfficer(new OfficerScope(administrator, OfficerRegions.Every), target, "管理员", [OfficerRights.Review], [OfficerScope.EveryRegion]), CancellationToken.None);
    }

    private async Task<List<string>> EnabledAdministratorsAsync()
    {
        await using var scope = service.Services.CreateAsyncScope();
        var officers = await scope.ServiceProvider.GetRequiredService<IdReissueDbContext>().Officers.AsNoTracking().Where(o => !o.Disabled).ToListAsync();
        return [.. officers.Where(o => o.Roles.Split(',').Contains(OfficerRights.Admin)).Select(o => o.Username)];
    }

    /// <summary>Holds the next <c>parties</c> counts of enabled administrators, each after it has read, until all have read.</summary>
    public sealed class CountGate
    {
        private readonly Lock _lock = new();
        private int _waiting;
        private TaskCompletionSource? _allRead;

        public void Arm(int parties)
        {
            lock (_lock)
            {
                _waiting = parties;
                _allRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public Task PassAsync()
        {
            lock (_lock)
            {
                if (_allRead is not { } allRead)
                {
                    return Task.CompletedTask;
                }

                if (--_waiting == 0)
                {
                    _allRead = null;
                    allRead.SetResult();
                }

                // Only a guard against a hang should the other party never come: the test fails rather than waits for ever.
                return allRead.Task.WaitAsync(TimeSpan.FromMinutes(2));
            }
        }
    }

    /// <summary>The service without demo data (no officer but those made here), its officer store's counts held by the gate.</summary>
    public sealed class RaceService() : ServiceFixture(new Dictionary<string, string> { ["DemoData:Enabled"] = "false" })
    {
        public CountGate Gate { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<IOfficerAccountStore>();
                services.AddScoped<IOfficerAccountStore>(sp => new GatedCounts(ActivatorUtilities.CreateInstance<EfOfficerAccountStore>(sp), Gate));
            });
        }
    }

    private sealed class GatedCounts(EfOfficerAccountStore store, CountGate gate) : DelegatingOfficerAccountStore(store)
    {
        public override async Task<int> CountEnabledAdministratorsAsync(CancellationToken cancellationToken)
        {
            var count = await base.CountEnabledAdministratorsAsync(cancellationToken);
            await gate.PassAsync();
            return count;
        }
    }
}
