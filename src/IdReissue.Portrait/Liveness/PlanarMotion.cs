using IdReissue.Portrait.Faces;

using IdReissue.Portrait.Verification;

namespace IdReissue.Portrait.Liveness;

/// <summary>
/// A flat picture (a print, a card, a screen) moved, tilted or zoomed in front of a camera changes between
/// frames by a homography: every point of it follows one 3×3 projective map. A head does not: when it turns
/// or nods, the nose tip, standing out of the face, moves against the face's outline (parallax), and lids
/// and lips move on their own. This fits the homography that carries a reference frame's outline points
/// (jaw, brows, eye corners) onto another frame's, and says where it puts the rest; the difference between
/// where a point is and where the flat picture would have put it is what no print can produce.
/// </summary>
public static class PlanarMotion
{
    /// <summary>The points a flat picture and a head share as rigid: the jaw line, the brows and the eyes' outer and inner corners.</summary>
    private static readonly int[] Outline = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 21, 22, 24, 26, 36, 39, 42, 45];

    /// <summary>
    /// The frame's landmarks as a flat picture of <paramref name="reference"/> would show them: the
    /// homography fitted on the outline points, applied to all 68. Null when the fit is degenerate.
    /// </summary>
    public static PointF[]? Predict(ReadOnlySpan<PointF> reference, ReadOnlySpan<PointF> frame)
    {
        if (Fit(reference, frame) is not { } h)
        {
            return null;
        }

        var predicted = new PointF[reference.Length];
        for (var i = 0; i < reference.Length; i++)
        {
            predicted[i] = Apply(h, reference[i]);
        }

        return predicted;
    }

    /// <summary>Least-squares homography (h33 = 1) from the outline points of <paramref name="a"/> to <paramref name="b"/>, in coordinates normalised for conditioning.</summary>
    private static double[]? Fit(ReadOnlySpan<PointF> a, ReadOnlySpan<PointF> b)
    {
        var (ax, ay, ascale) = Normaliser(a);
        var (bx, by, bscale) = Normaliser(b);
        Span<double> normal = stackalloc double[8 * 8];
        Span<double> rhs = stackalloc double[8];
        Span<double> row = stackalloc double[8];
        foreach (var i in Outline)
        {
            double x = (a[i].X - ax) * ascale, y = (a[i].Y - ay) * ascale;
            double u = (b[i].X - bx) * bscale, v = (b[i].Y - by) * bscale;
            // u·(h7 x + h8 y + 1) = h1 x + h2 y + h3, and the same for v.
            row[0] = x; row[1] = y; row[2] = 1; row[3] = 0; row[4] = 0; row[5] = 0; row[6] = -u * x; row[7] = -u * y;
            Accumulate(normal, rhs, row, u);
            row[0] = 0; row[1] = 0; row[2] = 0; row[3] = x; row[4] = y; row[5] = 1; row[6] = -v * x; row[7] = -v * y;
            Accumulate(normal, rhs, row, v);
        }

        if (!Solve(normal, rhs))
        {
            return null;
        }

        // Compose: de-normalise b ∘ H ∘ normalise a, as one matrix.
        double[] h = [rhs[0], rhs[1], rhs[2], rhs[3], rhs[4], rhs[5], rhs[6], rhs[7], 1];
        double[] na = [ascale, 0, -ascale * ax, 0, ascale, -ascale * ay, 0, 0, 1];
        double[] db = [1 / bscale, 0, bx, 0, 1 / bscale, by, 0, 0, 1];
        return Multiply(db, Multiply(h, na));
    }

    private static void Accumulate(Span<double> normal, Span<double> rhs, ReadOnlySpan<double> row, double target)
    {
        for (var r = 0; r < 8; r++)
        {
            rhs[r] += row[r] * target;
            for (var c = 0; c < 8; c++)
            {
                normal[(r * 8) + c] += row[r] * row[c];
            }
        }
    }

    /// <summary>Gaussian elimination with partial pivoting; the solution replaces <paramref name="rhs"/>.</summary>
    private static bool Solve(Span<double> m, Span<double> rhs)
    {
        const int n = 8;
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(m[(r * n) + col]) > Math.Abs(m[(pivot * n) + col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(m[(pivot * n) + col]) < 1e-12)
            {
                return false;
            }

            if (pivot != col)
            {
                for (var c = 0; c < n; c++)
                {
                    (m[(col * n) + c], m[(pivot * n) + c]) = (m[(pivot * n) + c], m[(col * n) + c]);
                }

                (rhs[col], rhs[pivot]) = (rhs[pivot], rhs[col]);
            }

            for (var r = col + 1; r < n; r++)
            {
                var f = m[(r * n) + col] / m[(col * n) + col];
                for (var c = col; c < n; c++)
                {
                    m[(r * n) + c] -= f * m[(col * n) + c];
                }

                rhs[r] -= f * rhs[col];
            }
        }

        for (var r = n - 1; r >= 0; r--)
        {
            var sum = rhs[r];
            for (var c = r + 1; c < n; c++)
            {
                sum -= m[(r * n) + c] * rhs[c];
            }

            rhs[r] = sum / m[(r * n) + r];
        }

        return true;
    }

    private static (double X, double Y, double Scale) Normaliser(ReadOnlySpan<PointF> p)
    {
        double x = 0, y = 0;
        foreach (var i in Outline)
        {
            x += p[i].X;
            y += p[i].Y;
        }

        x /= Outline.Length;
        y /= Outline.Length;
        double spread = 0;
        foreach (var i in Outline)
        {
            spread += Math.Sqrt(((p[i].X - x) * (p[i].X - x)) + ((p[i].Y - y) * (p[i].Y - y)));
        }

        spread /= Outline.Length;
        return (x, y, spread > 0 ? Math.Sqrt(2) / spread : 1);
    }

    private static double[] Multiply(double[] a, double[] b)
    {
        var c = new double[9];
        for (var r = 0; r < 3; r++)
        {
            for (var k = 0; k < 3; k++)
            {
                c[(r * 3) + k] = (a[r * 3] * b[k]) + (a[(r * 3) + 1] * b[3 + k]) + (a[(r * 3) + 2] * b[6 + k]);
            }
        }

        return c;
    }

    private static PointF Apply(double[] h, PointF p)
    {
        var w = (h[6] * p.X) + (h[7] * p.Y) + h[8];
        return Math.Abs(w) < 1e-12 ? p : new PointF((float)(((h[0] * p.X) + (h[1] * p.Y) + h[2]) / w), (float)(((h[3] * p.X) + (h[4] * p.Y) + h[5]) / w));
    }
}
