using System.Globalization;
using IdReissue.Infrastructure.Persistence;

namespace IdReissue.Web.Errors;

/// <summary>
/// What a person and a client are told while the database is down or refuses writes: a 503 with a stable
/// code, a Chinese "please retry" and Retry-After, never a 500. The API and the pages say the same.
/// </summary>
public sealed record StorageFaultProblem(string Code, string Message, TimeSpan RetryAfter)
{
    private static readonly StorageFaultProblem Unreachable = new(
        "database_unavailable", "系统暂时无法访问数据库，本次操作没有完成，请稍后重试。已保存的信息不会丢失。", TimeSpan.FromSeconds(5));

    private static readonly StorageFaultProblem NotWritable = new(
        "storage_unavailable", "系统存储暂时无法写入，本次提交没有保存，请稍后重试。已保存的信息不会丢失。", TimeSpan.FromSeconds(30));

    public static StorageFaultProblem? Of(Exception exception) => StorageFault.Of(exception) switch
    {
        StorageFaultKind.Unreachable => Unreachable,
        StorageFaultKind.NotWritable => NotWritable,
        _ => null,
    };

    public void Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture);
    }
}
