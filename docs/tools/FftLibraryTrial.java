// The FFT library trial recorded in docs/PERFORMANCE.md: Blockwork's own kernel (dev.blockwork.ndarray.Fft) against
// JTransforms 3.1 on the same input, in one JVM. Not part of the build (JTransforms is not a dependency); run:
//   J=~/.m2/repository; CP=blockwork-ndarray/target/classes:$J/com/github/wendykierp/JTransforms/3.1/JTransforms-3.1.jar:$J/pl/edu/icm/JLargeArrays/1.5/JLargeArrays-1.5.jar:$J/org/apache/commons/commons-math3/3.5/commons-math3-3.5.jar
//   /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Xmx12g -cp $CP docs/tools/FftLibraryTrial.java 8192 3
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Fft;
import dev.blockwork.ndarray.NDArray;
import java.util.SplittableRandom;

public class FftLibraryTrial {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]), reps = Integer.parseInt(args[1]);
        SplittableRandom r = new SplittableRandom(1);
        double[] z = new double[2 * n * n];
        for (int i = 0; i < z.length; i++) z[i] = r.nextDouble();
        NDArray x = NDArray.fromComplex(z, n, n);
        // correctness cross-check on a small case first
        double[] small = new double[2 * 64 * 48];
        for (int i = 0; i < small.length; i++) small[i] = r.nextDouble();
        NDArray ours = Fft.fft2(NDArray.fromComplex(small.clone(), 64, 48));
        double[] theirs = small.clone();
        new org.jtransforms.fft.DoubleFFT_2D(64, 48).complexForward(theirs);
        System.out.println("max |ours - jtransforms| on 64x48: " + ours.sub(NDArray.fromComplex(theirs, 64, 48)).abs().max().item());
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            NDArray rows = Fft.fft(x, -1, -1, Fft.Norm.BACKWARD);
            long t1 = System.nanoTime();
            NDArray both = Fft.fft(rows, -1, 0, Fft.Norm.BACKWARD);
            long t2 = System.nanoTime();
            System.out.printf("blockwork fft2 %dx%d 1 thread: %.3f s (rows %.3f s, columns %.3f s)%n", n, n, (t2 - t0) / 1e9, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            rows = both = null;
            for (int threads : new int[] {1, 2}) {
                pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(threads);
                org.jtransforms.utils.CommonUtils.setThreadsBeginN_2D(threads == 1 ? Long.MAX_VALUE : 65536);
                double[] a = z.clone();
                org.jtransforms.fft.DoubleFFT_2D f = new org.jtransforms.fft.DoubleFFT_2D(n, n);
                long s0 = System.nanoTime();
                f.complexForward(a);
                long s1 = System.nanoTime();
                System.out.printf("jtransforms fft2 %dx%d %d thread(s): %.3f s%n", n, n, threads, (s1 - s0) / 1e9);
            }
        }
    }
}
