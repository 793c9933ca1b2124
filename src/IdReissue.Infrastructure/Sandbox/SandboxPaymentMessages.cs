namespace IdReissue.Infrastructure.Sandbox;

/// <summary>The sandbox payment notification body, laid out like WeChat Pay v3's (decrypted) notification.</summary>
public sealed record SandboxPaymentNotice(string Id, DateTimeOffset CreateTime, string EventType, SandboxPaymentResource Resource);

public sealed record SandboxPaymentResource(string OutTradeNo, string TransactionId, string TradeState, SandboxAmount Amount, DateTimeOffset? SuccessTime);

public sealed record SandboxAmount(long Total, string Currency);
