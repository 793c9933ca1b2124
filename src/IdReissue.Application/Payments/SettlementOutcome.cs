namespace IdReissue.Application.Payments;

/// <summary>What a gateway's word did to an order (kept with each notification, so a repeat is answered the same).</summary>
public enum SettlementOutcome
{
    Settled,
    AlreadySettled,
    RefundDue,
    AmountMismatch,
    Closed,
    Ignored,
    UnknownOrder,
}
