package dev.blockwork.ndarray;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A complex discrete Fourier transform of one length: {@code X[k] = sum_j x[j] exp(-2 pi i j k / n)} on split
 * real/imaginary arrays. Immutable and thread-safe once built; {@link #of} caches plans by length.
 *
 * <p>Implementation overview: lengths whose prime factors are all at most {@value #MAX_DIRECT_PRIME} use a
 * mixed-radix Stockham autosort FFT (no bit reversal: each stage reads one buffer and writes the other, in order),
 * with radix-4 stages first, then radix 2, 3, 5 and a generic small-prime butterfly; each stage's twiddles
 * {@code exp(-2 pi i j t / len)} are tabulated once from {@link Math#cos}/{@link Math#sin} of the exact angle, so
 * errors do not accumulate along the stages. Other lengths use Bluestein's chirp-z algorithm: the transform becomes
 * a circular convolution of length {@code m >= 2n - 1} (a power of two) with the chirp
 * {@code exp(-pi i k^2 / n)}, whose spectrum is tabulated with the plan ({@code k^2} taken mod {@code 2n} in longs
 * so that large {@code k} keep their precision). The inverse transform swaps real and imaginary parts around the
 * forward one ({@code ifft(x) = swap(fft(swap(x)))}, unnormalised). The stage structure follows the classic
 * Stockham formulation (Van Loan, <i>Computational Frameworks for the FFT</i>, 1992, section 1.7).
 */
final class FftPlan {
    /** Largest prime handled by a direct butterfly; lengths with a larger prime factor go through Bluestein. */
    static final int MAX_DIRECT_PRIME = 31;
    private static final int CACHE_LIMIT = 64;
    private static final ConcurrentHashMap<Integer, FftPlan> CACHE = new ConcurrentHashMap<>();

    final int n;
    private final int[] radix;
    private final double[][] twr, twi; // per stage, [j * (p - 1) + (t - 1)] = exp(-2 pi i j t / len)
    private final double[][] rootr, rooti; // per stage, generic radices only: exp(-2 pi i k / p)
    // Bluestein
    private final FftPlan conv;
    private final double[] chirpr, chirpi, filterr, filteri;

    /** The plan for length {@code n >= 1} (cached). */
    static FftPlan of(int n) {
        if (n < 1) throw new IllegalArgumentException("got FFT length " + n + ", expected >= 1");
        FftPlan p = CACHE.get(n);
        if (p == null) {
            p = new FftPlan(n);
            if (CACHE.size() >= CACHE_LIMIT) CACHE.clear();
            CACHE.putIfAbsent(n, p);
        }
        return p;
    }

    private FftPlan(int n) {
        this.n = n;
        List<Integer> f = factor(n);
        if (f == null) {
            radix = null;
            twr = twi = rootr = rooti = null;
            int m = Integer.highestOneBit(Math.max(1, 2 * n - 1));
            if (m < 2 * n - 1) m <<= 1;
            conv = of(m);
            chirpr = new double[n];
            chirpi = new double[n];
            long twoN = 2L * n;
            for (int k = 0; k < n; k++) {
                long k2 = (long) k * k % twoN;
                double a = -Math.PI * k2 / n;
                chirpr[k] = Math.cos(a);
                chirpi[k] = Math.sin(a);
            }
            filterr = new double[m];
            filteri = new double[m];
            for (int k = 0; k < n; k++) {
                filterr[k] = chirpr[k];
                filteri[k] = -chirpi[k];
                if (k > 0) {
                    filterr[m - k] = chirpr[k];
                    filteri[m - k] = -chirpi[k];
                }
            }
            conv.forward(filterr, filteri, new double[m], new double[m]);
            return;
        }
        conv = null;
        chirpr = chirpi = filterr = filteri = null;
        radix = f.stream().mapToInt(Integer::intValue).toArray();
        twr = new double[radix.length][];
        twi = new double[radix.length][];
        rootr = new double[radix.length][];
        rooti = new double[radix.length][];
        int len = n;
        for (int s = 0; s < radix.length; s++) {
            int p = radix[s], m = len / p;
            double[] r = new double[m * (p - 1)], i = new double[m * (p - 1)];
            for (int j = 0; j < m; j++) {
                for (int t = 1; t < p; t++) {
                    double a = -2 * Math.PI * ((long) j * t % len) / len;
                    r[j * (p - 1) + t - 1] = Math.cos(a);
                    i[j * (p - 1) + t - 1] = Math.sin(a);
                }
            }
            twr[s] = r;
            twi[s] = i;
            if (p != 2 && p != 4) {
                rootr[s] = new double[p];
                rooti[s] = new double[p];
                for (int k = 0; k < p; k++) {
                    rootr[s][k] = Math.cos(-2 * Math.PI * k / p);
                    rooti[s][k] = Math.sin(-2 * Math.PI * k / p);
                }
            }
            len = m;
        }
    }

    /** Radices (4s first, then 2, then odd primes), or null when some prime factor exceeds {@link #MAX_DIRECT_PRIME}. */
    private static List<Integer> factor(int n) {
        List<Integer> out = new ArrayList<>();
        int r = n;
        while (r % 4 == 0) { out.add(4); r /= 4; }
        if (r % 2 == 0) { out.add(2); r /= 2; }
        for (int p = 3; p <= MAX_DIRECT_PRIME && r > 1; p += 2) {
            while (r % p == 0) { out.add(p); r /= p; }
        }
        return r == 1 ? out : null;
    }

    /**
     * In-place forward transform of {@code (re, im)} (length at least {@code n}; the first {@code n} used), with
     * scratch arrays {@code sr, si} of the same minimum length.
     */
    void forward(double[] re, double[] im, double[] sr, double[] si) {
        if (n == 1) return;
        if (radix == null) {
            bluestein(re, im);
            return;
        }
        double[] xr = re, xi = im, yr = sr, yi = si;
        int len = n, s = 1;
        for (int st = 0; st < radix.length; st++) {
            int p = radix[st], m = len / p;
            switch (p) {
                case 4 -> radix4(xr, xi, yr, yi, m, s, twr[st], twi[st]);
                case 2 -> radix2(xr, xi, yr, yi, m, s, twr[st], twi[st]);
                case 3 -> radix3(xr, xi, yr, yi, m, s, twr[st], twi[st]);
                default -> generic(xr, xi, yr, yi, p, m, s, twr[st], twi[st], rootr[st], rooti[st]);
            }
            double[] t = xr; xr = yr; yr = t;
            t = xi; xi = yi; yi = t;
            len = m;
            s *= p;
        }
        if (xr != re) {
            System.arraycopy(xr, 0, re, 0, n);
            System.arraycopy(xi, 0, im, 0, n);
        }
    }

    /** Unnormalised inverse transform ({@code exp(+2 pi i j k / n)}), in place. */
    void inverse(double[] re, double[] im, double[] sr, double[] si) { forward(im, re, si, sr); }

    private static void radix2(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] wr, double[] wi) {
        for (int j = 0; j < m; j++) {
            double w1r = wr[j], w1i = wi[j];
            int i0 = s * j, i1 = s * (j + m), o0 = s * 2 * j, o1 = o0 + s;
            for (int q = 0; q < s; q++) {
                double ar = xr[i0 + q], ai = xi[i0 + q], br = xr[i1 + q], bi = xi[i1 + q];
                yr[o0 + q] = ar + br;
                yi[o0 + q] = ai + bi;
                double dr = ar - br, di = ai - bi;
                yr[o1 + q] = dr * w1r - di * w1i;
                yi[o1 + q] = dr * w1i + di * w1r;
            }
        }
    }

    private static void radix4(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] wr, double[] wi) {
        if (s < SHORT_STRIDE) {
            radix4Short(xr, xi, yr, yi, m, s, wr, wi);
            return;
        }
        for (int j = 0; j < m; j++) {
            double w1r = wr[3 * j], w1i = wi[3 * j], w2r = wr[3 * j + 1], w2i = wi[3 * j + 1], w3r = wr[3 * j + 2], w3i = wi[3 * j + 2];
            int i0 = s * j, i1 = s * (j + m), i2 = s * (j + 2 * m), i3 = s * (j + 3 * m);
            int o0 = s * 4 * j, o1 = o0 + s, o2 = o1 + s, o3 = o2 + s;
            for (int q = 0; q < s; q++) {
                double a0r = xr[i0 + q], a0i = xi[i0 + q], a1r = xr[i1 + q], a1i = xi[i1 + q];
                double a2r = xr[i2 + q], a2i = xi[i2 + q], a3r = xr[i3 + q], a3i = xi[i3 + q];
                double t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
                double t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1r - a3r, t3i = a1i - a3i;
                yr[o0 + q] = t0r + t2r;
                yi[o0 + q] = t0i + t2i;
                double b1r = t1r + t3i, b1i = t1i - t3r; // t1 - i t3
                double b2r = t0r - t2r, b2i = t0i - t2i;
                double b3r = t1r - t3i, b3i = t1i + t3r; // t1 + i t3
                yr[o1 + q] = b1r * w1r - b1i * w1i;
                yi[o1 + q] = b1r * w1i + b1i * w1r;
                yr[o2 + q] = b2r * w2r - b2i * w2i;
                yi[o2 + q] = b2r * w2i + b2i * w2r;
                yr[o3 + q] = b3r * w3r - b3i * w3i;
                yi[o3 + q] = b3r * w3i + b3i * w3r;
            }
        }
    }

    /**
     * Below this stride the q-loop is too short to pay for C2's loop set-up (the first stages have s = 1, 4): such
     * stages run with the long j-loop inside instead.
     */
    private static final int SHORT_STRIDE = 16;

    private static void radix4Short(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] wr, double[] wi) {
        int ms = m * s;
        for (int q = 0; q < s; q++) {
            for (int j = 0; j < m; j++) {
                double w1r = wr[3 * j], w1i = wi[3 * j], w2r = wr[3 * j + 1], w2i = wi[3 * j + 1], w3r = wr[3 * j + 2], w3i = wi[3 * j + 2];
                int i0 = s * j + q, o0 = 4 * s * j + q;
                double a0r = xr[i0], a0i = xi[i0], a1r = xr[i0 + ms], a1i = xi[i0 + ms];
                double a2r = xr[i0 + 2 * ms], a2i = xi[i0 + 2 * ms], a3r = xr[i0 + 3 * ms], a3i = xi[i0 + 3 * ms];
                double t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
                double t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1r - a3r, t3i = a1i - a3i;
                yr[o0] = t0r + t2r;
                yi[o0] = t0i + t2i;
                double b1r = t1r + t3i, b1i = t1i - t3r;
                double b2r = t0r - t2r, b2i = t0i - t2i;
                double b3r = t1r - t3i, b3i = t1i + t3r;
                yr[o0 + s] = b1r * w1r - b1i * w1i;
                yi[o0 + s] = b1r * w1i + b1i * w1r;
                yr[o0 + 2 * s] = b2r * w2r - b2i * w2i;
                yi[o0 + 2 * s] = b2r * w2i + b2i * w2r;
                yr[o0 + 3 * s] = b3r * w3r - b3i * w3i;
                yi[o0 + 3 * s] = b3r * w3i + b3i * w3r;
            }
        }
    }

    private static final double SIN60 = Math.sqrt(3) / 2;

    private static void radix3(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] wr, double[] wi) {
        for (int j = 0; j < m; j++) {
            double w1r = wr[2 * j], w1i = wi[2 * j], w2r = wr[2 * j + 1], w2i = wi[2 * j + 1];
            int i0 = s * j, i1 = s * (j + m), i2 = s * (j + 2 * m);
            int o0 = s * 3 * j, o1 = o0 + s, o2 = o1 + s;
            for (int q = 0; q < s; q++) {
                double a0r = xr[i0 + q], a0i = xi[i0 + q], a1r = xr[i1 + q], a1i = xi[i1 + q], a2r = xr[i2 + q], a2i = xi[i2 + q];
                double sr = a1r + a2r, si = a1i + a2i, dr = a1r - a2r, di = a1i - a2i;
                yr[o0 + q] = a0r + sr;
                yi[o0 + q] = a0i + si;
                double mr = a0r - 0.5 * sr, mi = a0i - 0.5 * si;
                // b1 = m - i sin60 d, b2 = m + i sin60 d
                double b1r = mr + SIN60 * di, b1i = mi - SIN60 * dr, b2r = mr - SIN60 * di, b2i = mi + SIN60 * dr;
                yr[o1 + q] = b1r * w1r - b1i * w1i;
                yi[o1 + q] = b1r * w1i + b1i * w1r;
                yr[o2 + q] = b2r * w2r - b2i * w2i;
                yi[o2 + q] = b2r * w2i + b2i * w2r;
            }
        }
    }

    private static void generic(double[] xr, double[] xi, double[] yr, double[] yi, int p, int m, int s,
                                double[] wr, double[] wi, double[] rr, double[] ri) {
        double[] ar = new double[p], ai = new double[p];
        for (int j = 0; j < m; j++) {
            for (int q = 0; q < s; q++) {
                for (int r = 0; r < p; r++) {
                    ar[r] = xr[s * (j + r * m) + q];
                    ai[r] = xi[s * (j + r * m) + q];
                }
                int o = s * p * j + q;
                for (int t = 0; t < p; t++) {
                    double br = 0, bi = 0;
                    for (int r = 0, k = 0; r < p; r++, k += t) {
                        if (k >= p) k -= p;
                        br += ar[r] * rr[k] - ai[r] * ri[k];
                        bi += ar[r] * ri[k] + ai[r] * rr[k];
                    }
                    if (t > 0) {
                        double cr = wr[j * (p - 1) + t - 1], ci = wi[j * (p - 1) + t - 1];
                        double tr = br * cr - bi * ci;
                        bi = br * ci + bi * cr;
                        br = tr;
                    }
                    yr[o + s * t] = br;
                    yi[o + s * t] = bi;
                }
            }
        }
    }

    private void bluestein(double[] re, double[] im) {
        int m = conv.n;
        double[] ar = new double[m], ai = new double[m], sr = new double[m], si = new double[m];
        for (int k = 0; k < n; k++) {
            ar[k] = re[k] * chirpr[k] - im[k] * chirpi[k];
            ai[k] = re[k] * chirpi[k] + im[k] * chirpr[k];
        }
        conv.forward(ar, ai, sr, si);
        for (int k = 0; k < m; k++) {
            double xr = ar[k] * filterr[k] - ai[k] * filteri[k];
            ai[k] = ar[k] * filteri[k] + ai[k] * filterr[k];
            ar[k] = xr;
        }
        conv.inverse(ar, ai, sr, si);
        double scale = 1.0 / m;
        for (int k = 0; k < n; k++) {
            double xr = ar[k] * scale, xi = ai[k] * scale;
            re[k] = xr * chirpr[k] - xi * chirpi[k];
            im[k] = xr * chirpi[k] + xi * chirpr[k];
        }
    }
}
