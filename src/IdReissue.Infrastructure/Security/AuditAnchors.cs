using System.Data.Common;
using System.Globalization;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IdReissue.Infrastructure.Security;

/// <summary>A signed record, kept outside the database, that the chain had reached <see cref="Sequence"/> with MAC <see cref="Head"/> at <see cref="At"/>.</summary>
public sealed record AuditAnchor(long Sequence, string Head, DateTimeOffset At);

/// <summary>
/// Anchors the audit chain's head outside the database, so entries cut off its end are noticed: MACs
/// alone cannot show that the last entries are missing. Each anchor is a line `anchor 1 SEQUENCE HEAD
/// TIME MAC`, signed with a key derived from the audit key, appended to `Security:AuditAnchorFile`
/// (storage the database's administrators cannot rewrite) and written to the log as well. A sandbox on
/// SQLite keeps `audit-anchors.log` beside its database when no file is configured.
/// </summary>
public sealed partial class AuditAnchors(AuditChainKey key, string? file, ILogger<AuditAnchors> logger, TimeProvider time)
{
    private const string Marker = "anchor";
    private const string Version = "1";
    private readonly Lock _gate = new();

    /// <summary>Where anchors are appended; null when they go only to the log.</summary>
    public string? File => file;

    public static string? FileFrom(IConfiguration configuration)
    {
        var configured = configuration["Security:AuditAnchorFile"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var sqlite = !string.Equals(configuration["Database:Provider"], "PostgreSql", StringComparison.OrdinalIgnoreCase);
        return sqlite && configuration.GetValue("Sandbox:Enabled", true)
            ? Protection.MasterKeyConfiguration.BesideDatabase(configuration, "audit-anchors.log")
            : null;
    }

    /// <summary>Anchors the current head; says why not instead when the chain is empty or not keyed yet.</summary>
    public async Task<AuditAnchorOutcome> AnchorAsync(IdReissueDbContext db, CancellationToken cancellationToken)
    {
        if (!await AuditChain.IsKeyedAsync(db, key, cancellationToken))
        {
            // Anchoring an unkeyed chain would be invalidated by `rekey-audit`; anchors start once it has run.
            return new AuditAnchorOutcome(null, "审计链尚未升级为带密钥的HMAC-SM3链，请先运行 security rekey-audit", ChainNotKeyed: true);
        }

        var head = await AuditChain.HeadAsync(db, cancellationToken);
        if (head is null)
        {
            return new AuditAnchorOutcome(null, "审计日志为空，无需锚定", ChainNotKeyed: false);
        }

        var anchor = new AuditAnchor(head.Sequence, head.Hash, time.GetUtcNow());
        var line = Format(anchor);
        if (file is not null)
        {
            lock (_gate)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
                System.IO.File.AppendAllText(file, line + "\n");
            }
        }

        LogAnchor(logger, line);
        return new AuditAnchorOutcome(anchor, null, ChainNotKeyed: false);
    }

    /// <summary>Every anchor in the file, each checked against its signature; a line that does not verify is the problem reported.</summary>
    public AuditAnchorFile Read()
    {
        if (file is null || !System.IO.File.Exists(file))
        {
            return new AuditAnchorFile([], null);
        }

        var anchors = new List<AuditAnchor>();
        var lineNumber = 0;
        foreach (var line in System.IO.File.ReadLines(file))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var anchor = Parse(line);
            if (anchor is null)
            {
                return new AuditAnchorFile(anchors, $"锚点文件第{lineNumber}行格式或签名不符，锚点文件被改动（或审计密钥配置错误）");
            }

            anchors.Add(anchor);
        }

        return new AuditAnchorFile(anchors, null);
    }

    private string Format(AuditAnchor anchor) =>
        string.Join(' ', Marker, Version, anchor.Sequence.ToString(CultureInfo.InvariantCulture), anchor.Head,
            anchor.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), key.AnchorMac(Signed(anchor)));

    private AuditAnchor? Parse(string line)
    {
        var fields = line.Trim().Split(' ');
        if (fields.Length != 6 || fields[0] != Marker || fields[1] != Version
            || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || !DateTime.TryParseExact(fields[4], "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            return null;
        }

        var anchor = new AuditAnchor(sequence, fields[3], new DateTimeOffset(at.ToUniversalTime(), TimeSpan.Zero));
        return key.AnchorMac(Signed(anchor)) == fields[5] ? anchor : null;
    }

    private static string Signed(AuditAnchor anchor) => string.Join('\n', Version,
        anchor.Sequence.ToString(CultureInfo.InvariantCulture), anchor.Head, anchor.At.UtcTicks.ToString(CultureInfo.InvariantCulture));

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit anchor: {Line}")]
    private static partial void LogAnchor(ILogger logger, string line);
}

/// <summary>The anchor written, or why none was (<paramref name="ChainNotKeyed"/>: an operator must run `rekey-audit` first).</summary>
public sealed record AuditAnchorOutcome(AuditAnchor? Anchor, string? Skipped, bool ChainNotKeyed);

public sealed record AuditAnchorFile(IReadOnlyList<AuditAnchor> Anchors, string? Problem);

/// <summary>Anchors the chain's head every `Security:AuditAnchorInterval` (10 minutes by default) when it has moved.</summary>
public sealed partial class AuditAnchorService(IServiceProvider services, AuditAnchors anchors, IConfiguration configuration, TimeProvider time, ILogger<AuditAnchorService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue("Security:AuditAnchorInterval", TimeSpan.FromMinutes(10)), time);
        long? anchored = null;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
                var head = await AuditChain.HeadAsync(db, stoppingToken);
                if (head is not null && head.Sequence != anchored)
                {
                    anchored = (await anchors.AnchorAsync(db, stoppingToken)).Anchor?.Sequence ?? anchored;
                }
            }
            catch (Exception failure) when (failure is DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // The next tick tries again; an anchor late by one interval loses nothing.
                LogFailed(logger, failure);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not anchor the audit chain")]
    private static partial void LogFailed(ILogger logger, Exception failure);
}
