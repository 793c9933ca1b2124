using IdReissue.Domain.Common;
using IdReissue.Domain.Regions;

namespace IdReissue.Web.Applications;

/// <summary>The region's EMS postage in one sentence, from its policy: a fixed sentence drifts from what payment charges.</summary>
public static class PostageSentence
{
    public static string Of(PostagePolicy postage)
    {
        ArgumentNullException.ThrowIfNull(postage);
        var how = postage.PayOnDelivery ? "邮费到付" : "邮费与工本费一并支付";
        return (postage.SameCityFen, postage.ElsewhereFen) switch
        {
            (0, 0) => "免邮费。",
            (0, var elsewhere) => $"{how}：寄往户籍所在城市免邮，寄往其他城市{new Money(elsewhere)}。",
            var (same, elsewhere) when same == elsewhere => $"{how}：{new Money(same)}。",
            var (same, elsewhere) => $"{how}：寄往户籍所在城市{new Money(same)}，寄往其他城市{new Money(elsewhere)}。",
        };
    }
}
