namespace IdReissue.Portrait.Verification;

/// <summary>
/// A face's identity embedding (unit length) and the model that made it: templates of different models
/// cannot be compared. Biometric personal data: never logged, encrypted wherever it is kept.
/// </summary>
public sealed record FaceTemplate(string Model, float[] Vector)
{
    /// <summary>Cosine similarity in [−1, 1]: higher is more alike.</summary>
    public double SimilarityTo(FaceTemplate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Model != Model || other.Vector.Length != Vector.Length)
        {
            throw new ArgumentException($"Templates of models '{Model}' and '{other.Model}' cannot be compared.", nameof(other));
        }

        double dot = 0;
        for (var i = 0; i < Vector.Length; i++)
        {
            dot += Vector[i] * other.Vector[i];
        }

        return Math.Round(dot, 4);
    }

    /// <summary>The vector as bytes (little-endian floats), to encrypt and store.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Vector.Length * sizeof(float)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(Vector.AsSpan()).CopyTo(bytes);
        return bytes;
    }

    public static FaceTemplate FromBytes(string model, ReadOnlySpan<byte> bytes) =>
        new(model, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray());
}
