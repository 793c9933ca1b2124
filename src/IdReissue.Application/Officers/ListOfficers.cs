using IdReissue.Application.Common;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Officers;

/// <summary>The officers an administrator manages: those whose every region is one of theirs (every officer for an
/// administrator of all regions).</summary>
public sealed record ListOfficers(OfficerScope Administrator);

public sealed class ListOfficersHandler(IOfficerAccountStore officers, OfficerAdministration rules)
{
    public async Task<Result<List<OfficerCredentials>>> HandleAsync(ListOfficers query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if ((await rules.AdministratorAsync(query.Administrator, cancellationToken)).Problem is { } notAdmin)
        {
            return notAdmin;
        }

        return (await officers.ListAsync(query.Administrator.Regions, cancellationToken)).ToList();
    }
}
