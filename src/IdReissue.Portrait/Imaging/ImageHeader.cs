using System.Buffers.Binary;

namespace IdReissue.Portrait.Imaging;

/// <summary>Format, size and colour components read from a JPEG or PNG header, without decoding pixels.</summary>
public sealed record ImageHeader(string Format, int Width, int Height, int Components)
{
    /// <summary>The header of a JPEG (first SOF marker) or PNG (IHDR); null when neither can be read.</summary>
    public static ImageHeader? Read(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 24 && data[..8].SequenceEqual("\x89PNG\r\n\x1a\n"u8) && data.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            var colourType = data.Length > 25 ? data[25] : (byte)0;
            var components = colourType switch { 0 => 1, 2 => 3, 3 => 3, 4 => 2, 6 => 4, _ => 0 };
            return new ImageHeader("png", (int)BinaryPrimitives.ReadUInt32BigEndian(data.Slice(16, 4)), (int)BinaryPrimitives.ReadUInt32BigEndian(data.Slice(20, 4)), components);
        }

        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            return null;
        }

        var position = 2;
        while (position + 4 <= data.Length)
        {
            if (data[position] != 0xFF)
            {
                return null;
            }

            var marker = data[position + 1];
            if (marker == 0xFF)
            {
                position++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position + 2, 2));
            var isStartOfFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isStartOfFrame)
            {
                if (position + 10 > data.Length)
                {
                    return null;
                }

                var height = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position + 5, 2));
                var width = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position + 7, 2));
                return width == 0 || height == 0 ? null : new ImageHeader("jpeg", width, height, data[position + 9]);
            }

            position += 2 + length;
        }

        return null;
    }
}
