namespace IdReissue.Application.Auth;

/// <summary>A session begun by a log-in: its token (given to the client once), and whom it is for.</summary>
public sealed record SessionOpened(string Token, DateTimeOffset ExpiresAt, string Kind, string Subject, IReadOnlyList<string> Roles, string? Region);
