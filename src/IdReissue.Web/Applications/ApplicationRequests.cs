using IdReissue.Domain.Regions;

namespace IdReissue.Web.Applications;

/// <summary>Start an application. Name and ID number come from the real-name account when it has them.</summary>
public sealed record StartApplicationRequest(string? Region, ReissueCase? Case, string? HouseholdNumber, string? Name, string? CitizenId);

public sealed record LossReportRequest(string? Place, DateTimeOffset? LostAt, bool ReceiptWanted);

public sealed record AddressRequest(string? Recipient, string? Phone, string? DivisionCode, string? Detail);

public sealed record PostageQuoteRequest(string? DivisionCode);
