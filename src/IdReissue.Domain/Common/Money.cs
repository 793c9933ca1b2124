using System.Globalization;

namespace IdReissue.Domain.Common;

/// <summary>An amount of renminbi in fen (分), the unit every Chinese payment gateway settles in.</summary>
public readonly record struct Money(long Fen)
{
    public static Money Zero { get; } = new(0);

    public static Money FromYuan(decimal yuan)
    {
        var fen = yuan * 100m;
        if (fen != decimal.Truncate(fen))
        {
            throw new ArgumentException($"Amount {yuan} has fractions of a fen.", nameof(yuan));
        }

        return new Money((long)fen);
    }

    public decimal Yuan => Fen / 100m;

    public static Money operator +(Money left, Money right) => new(left.Fen + right.Fen);

    /// <summary>Chinese display form, e.g. "40.00元".</summary>
    public override string ToString() => Yuan.ToString("0.00", CultureInfo.InvariantCulture) + "元";
}
