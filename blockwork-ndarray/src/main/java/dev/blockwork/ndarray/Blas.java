package dev.blockwork.ndarray;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Row-major matrix multiply {@code C = alpha*A*B + beta*C} (no transposes): native CBLAS through FFM when
 * available, else {@link JavaGemm}.
 *
 * <p>Which path is active is decided once, at class initialisation, and logged once (System.Logger, DEBUG):
 * <ol>
 * <li>system property {@code blockwork.blas=java} forces the pure-Java kernel;</li>
 * <li>a JVM that does not allow this module native access ({@code --enable-native-access}) gets the pure-Java
 *     kernel and one WARNING line saying which flag to add, unless {@code blockwork.blas=native} or a library path
 *     (next item) asks for native code anyway (the JDK then prints its own warning);</li>
 * <li>a library path from system property {@code blockwork.blas.library} or environment variable
 *     {@code BLOCKWORK_BLAS_LIBRARY};</li>
 * <li>the system's {@code libopenblas.so.0}, {@code libopenblas.so}, {@code libcblas.so.3}, {@code libblas.so.3}
 *     (the first in which {@code cblas_dgemm} and {@code cblas_sgemm} resolve);</li>
 * <li>otherwise the pure-Java kernel.</li>
 * </ol>
 * Heap arrays are passed to the native library without copying ({@code Linker.Option.critical(true)} with
 * {@code MemorySegment.ofArray}). Thread-safe; the native library runs its own threads.
 */
public final class Blas {
    private static final System.Logger LOG = System.getLogger(Blas.class.getName());
    private static final int ROW_MAJOR = 101, NO_TRANS = 111;

    private static final MethodHandle DGEMM, SGEMM;
    private static final String ACTIVE;
    /** OpenBLAS's own thread count at load (openblas_get_num_threads), 0 when unknown or not OpenBLAS. */
    private static final int NATIVE_THREADS;

    static {
        MethodHandle d = null, s = null;
        int nativeThreads = 0;
        String active = "java";
        String choice = System.getProperty("blockwork.blas", "auto");
        String reason = "forced by -Dblockwork.blas=java";
        if (!"java".equalsIgnoreCase(choice) && !"native".equalsIgnoreCase(choice) && explicitLibrary() == null
                && !nativeAccessAllowed()) {
            // Not loading is the only way to replace the JDK's four-line warning (and a later JDK's refusal) with one
            // line that says what to do; an explicit -Dblockwork.blas=native or library path loads anyway.
            reason = "this JVM does not allow native access";
            LOG.log(System.Logger.Level.WARNING, "matmul and linear algebra use Blockwork's pure-Java kernels: this JVM"
                    + " does not allow native access, which the system's BLAS needs; start java with"
                    + " --enable-native-access=ALL-UNNAMED (dev.blockwork.ndarray on the module path) for BLAS,"
                    + " or -Dblockwork.blas=java to choose the Java kernels without this message");
        } else if (!"java".equalsIgnoreCase(choice)) {
            reason = "no native CBLAS found (tried " + candidates() + ")";
            for (String lib : candidates()) {
                try {
                    MethodHandle[] h = bind(lib);
                    if (h == null) continue;
                    d = h[0];
                    s = h[1];
                    if (h.length > 2 && h[2] != null) {
                        try {
                            nativeThreads = (int) h[2].invokeExact();
                        } catch (Throwable e) {
                            nativeThreads = 0;
                        }
                    }
                    active = "native:" + lib;
                    break;
                } catch (IllegalArgumentException | UnsatisfiedLinkError | IllegalCallerException e) {
                    reason = "no usable native CBLAS (" + lib + ": " + e.getMessage() + ")";
                }
            }
        }
        DGEMM = d;
        SGEMM = s;
        ACTIVE = active;
        NATIVE_THREADS = nativeThreads;
        LOG.log(System.Logger.Level.DEBUG, "blockwork matmul path: " + active + (d == null ? " (" + reason + ")" : ""));
    }

    private Blas() {}

    /** The symbols of {@code lib}: a path (with a '/') or a name the dynamic linker finds; loaded for the JVM's lifetime. */
    @SuppressWarnings("restricted") // FFM library lookup; surefire and launchers pass --enable-native-access
    static SymbolLookup library(String lib) {
        return lib.contains("/") ? SymbolLookup.libraryLookup(Path.of(lib), Arena.global()) : SymbolLookup.libraryLookup(lib, Arena.global());
    }

    /** Downcall handles for cblas_dgemm and cblas_sgemm in {@code lib}, or null when they don't resolve. */
    @SuppressWarnings("restricted") // FFM downcalls; surefire and launchers pass --enable-native-access
    private static MethodHandle[] bind(String lib) {
        SymbolLookup lookup = library(lib);
        var dsym = lookup.find("cblas_dgemm");
        var ssym = lookup.find("cblas_sgemm");
        if (dsym.isEmpty() || ssym.isEmpty()) return null;
        Linker linker = Linker.nativeLinker();
        ValueLayout i = ValueLayout.JAVA_INT, p = ValueLayout.ADDRESS;
        var threads = lookup.find("openblas_get_num_threads");
        return new MethodHandle[] {
            linker.downcallHandle(dsym.get(), FunctionDescriptor.ofVoid(i, i, i, i, i, i, ValueLayout.JAVA_DOUBLE,
                    p, i, p, i, ValueLayout.JAVA_DOUBLE, p, i), Linker.Option.critical(true)),
            linker.downcallHandle(ssym.get(), FunctionDescriptor.ofVoid(i, i, i, i, i, i, ValueLayout.JAVA_FLOAT,
                    p, i, p, i, ValueLayout.JAVA_FLOAT, p, i), Linker.Option.critical(true)),
            threads.isEmpty() ? null : linker.downcallHandle(threads.get(), FunctionDescriptor.of(i))
        };
    }

    /**
     * Whether this JVM lets this module call restricted methods without the JDK's warning: native access enabled
     * for it ({@code --enable-native-access}, or the jar manifest's {@code Enable-Native-Access}), or
     * {@code --illegal-native-access=allow} on the command line or in {@code JDK_JAVA_OPTIONS} (which
     * {@link Module#isNativeAccessEnabled()} does not report).
     */
    private static boolean nativeAccessAllowed() {
        if (Blas.class.getModule().isNativeAccessEnabled()) return true;
        List<String> args = new ArrayList<>(List.of(ProcessHandle.current().info().arguments().orElse(new String[0])));
        String env = System.getenv("JDK_JAVA_OPTIONS");
        if (env != null) args.addAll(List.of(env.trim().split("\\s+")));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--illegal-native-access=allow")
                    || a.equals("--illegal-native-access") && i + 1 < args.size() && args.get(i + 1).equals("allow")) {
                return true;
            }
        }
        return false;
    }

    /** The library named by {@code blockwork.blas.library} or {@code BLOCKWORK_BLAS_LIBRARY}, or null. */
    private static String explicitLibrary() {
        String p = System.getProperty("blockwork.blas.library");
        if (p == null || p.isBlank()) p = System.getenv("BLOCKWORK_BLAS_LIBRARY");
        return p == null || p.isBlank() ? null : p;
    }

    private static List<String> candidates() {
        List<String> c = new ArrayList<>();
        String p = explicitLibrary();
        if (p != null) c.add(p);
        for (String n : List.of("libopenblas.so.0", "libopenblas.so", "libcblas.so.3", "libblas.so.3")) c.add(n);
        return c;
    }

    /** {@return which gemm kernels run: {@code "java"} or {@code "native:<library>"}} */
    public static String activePath() { return ACTIVE; }

    /** {@return whether native CBLAS is in use} */
    public static boolean isNative() { return DGEMM != null; }

    /**
     * Row-major float64 {@code C = alpha*A*B + beta*C} on heap arrays with offsets and leading dimensions (in
     * elements). With a single-threaded OpenBLAS, a large call from outside a block task is split into row panels
     * run in the common pool.
     *
     * @param m     rows of A and C
     * @param n     columns of B and C
     * @param k     columns of A, rows of B
     * @param alpha the factor of {@code A*B}
     * @param a     A's elements, row-major
     * @param aOff  A's first element in {@code a}
     * @param lda   A's row stride in {@code a}, &gt;= max(1, k)
     * @param b     B's elements, row-major
     * @param bOff  B's first element in {@code b}
     * @param ldb   B's row stride in {@code b}, &gt;= max(1, n)
     * @param beta  the factor of the old C (0: C is overwritten, its old values, even NaN, ignored)
     * @param c     C's elements, row-major, written in place
     * @param cOff  C's first element in {@code c}
     * @param ldc   C's row stride in {@code c}, &gt;= max(1, n)
     * @throws IllegalArgumentException if a size is negative, a stride too small or an operand runs past its array
     * @throws IllegalStateException    if the native call fails
     */
    public static void dgemm(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        checkArgs(m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        if (DGEMM == null || m == 0 || n == 0) {
            JavaGemm.dgemm(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        rowPanels(m, n, k, (lo, hi) -> {
            try {
                DGEMM.invokeExact(ROW_MAJOR, NO_TRANS, NO_TRANS, hi - lo, n, k, alpha,
                        MemorySegment.ofArray(a).asSlice((aOff + (long) lo * lda) * 8L), lda, MemorySegment.ofArray(b).asSlice(bOff * 8L), ldb, beta,
                        MemorySegment.ofArray(c).asSlice((cOff + (long) lo * ldc) * 8L), ldc);
            } catch (Throwable t) {
                throw new IllegalStateException("cblas_dgemm failed via " + ACTIVE, t);
            }
        });
    }

    /** Runs {@code gemm} over row ranges of the result. */
    private interface RowRange { void run(int lo, int hi); }

    /**
     * With a single-threaded OpenBLAS ({@code OPENBLAS_NUM_THREADS=1}, which is what a chunked array wants:
     * its scheduler already runs one block product per core, and a multi-threaded OpenBLAS serialises
     * concurrent callers), a large call from a thread that is not already a fork-join worker is split into
     * one row panel per core: the caller runs one, the common pool the others. Otherwise one call; in particular
     * inside a chunked array's block task ({@link Expr#sequential}), wherever it runs (a pool thread, a worker JVM).
     */
    private static void rowPanels(int m, int n, int k, RowRange gemm) {
        int cores = Runtime.getRuntime().availableProcessors();
        boolean split = NATIVE_THREADS == 1 && cores > 1 && m >= 2 * 64 && (long) m * n * k >= 1L << 24
                && !(Thread.currentThread() instanceof java.util.concurrent.ForkJoinWorkerThread)
                && !Kernel.SEQUENTIAL.isBound(); // a block task (any scheduler): its scheduler is the parallelism
        if (!split) {
            gemm.run(0, m);
            return;
        }
        int panels = Math.min(cores, m / 64);
        java.util.concurrent.CompletableFuture<?>[] others = new java.util.concurrent.CompletableFuture<?>[panels - 1];
        for (int p = 1; p < panels; p++) {
            int lo = (int) ((long) m * p / panels), hi = (int) ((long) m * (p + 1) / panels);
            others[p - 1] = java.util.concurrent.CompletableFuture.runAsync(() -> gemm.run(lo, hi),
                    java.util.concurrent.ForkJoinPool.commonPool());
        }
        gemm.run(0, (int) ((long) m / panels));
        java.util.concurrent.CompletableFuture.allOf(others).join();
    }

    /**
     * Row-major float32 {@code C = alpha*A*B + beta*C} on heap arrays, as {@link #dgemm}.
     *
     * @param m     rows of A and C
     * @param n     columns of B and C
     * @param k     columns of A, rows of B
     * @param alpha the factor of {@code A*B}
     * @param a     A's elements, row-major
     * @param aOff  A's first element in {@code a}
     * @param lda   A's row stride in {@code a}, &gt;= max(1, k)
     * @param b     B's elements, row-major
     * @param bOff  B's first element in {@code b}
     * @param ldb   B's row stride in {@code b}, &gt;= max(1, n)
     * @param beta  the factor of the old C (0: C is overwritten, its old values, even NaN, ignored)
     * @param c     C's elements, row-major, written in place
     * @param cOff  C's first element in {@code c}
     * @param ldc   C's row stride in {@code c}, &gt;= max(1, n)
     * @throws IllegalArgumentException if a size is negative, a stride too small or an operand runs past its array
     * @throws IllegalStateException    if the native call fails
     */
    public static void sgemm(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        checkArgs(m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        if (SGEMM == null || m == 0 || n == 0) {
            JavaGemm.sgemm(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        rowPanels(m, n, k, (lo, hi) -> {
            try {
                SGEMM.invokeExact(ROW_MAJOR, NO_TRANS, NO_TRANS, hi - lo, n, k, alpha,
                        MemorySegment.ofArray(a).asSlice((aOff + (long) lo * lda) * 4L), lda, MemorySegment.ofArray(b).asSlice(bOff * 4L), ldb, beta,
                        MemorySegment.ofArray(c).asSlice((cOff + (long) lo * ldc) * 4L), ldc);
            } catch (Throwable t) {
                throw new IllegalStateException("cblas_sgemm failed via " + ACTIVE, t);
            }
        });
    }

    /**
     * The pure-Java float64 kernel, whatever the active path (tests and benchmarks compare the two).
     *
     * @param m     rows of A and C
     * @param n     columns of B and C
     * @param k     columns of A, rows of B
     * @param alpha the factor of {@code A*B}
     * @param a     A's elements, row-major
     * @param aOff  A's first element in {@code a}
     * @param lda   A's row stride in {@code a}, &gt;= max(1, k)
     * @param b     B's elements, row-major
     * @param bOff  B's first element in {@code b}
     * @param ldb   B's row stride in {@code b}, &gt;= max(1, n)
     * @param beta  the factor of the old C (0: C is overwritten, its old values, even NaN, ignored)
     * @param c     C's elements, row-major, written in place
     * @param cOff  C's first element in {@code c}
     * @param ldc   C's row stride in {@code c}, &gt;= max(1, n)
     * @throws IllegalArgumentException if a size is negative, a stride too small or an operand runs past its array
     */
    public static void dgemmJava(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                 double beta, double[] c, int cOff, int ldc) {
        checkArgs(m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        JavaGemm.dgemm(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * The pure-Java float32 kernel, whatever the active path.
     *
     * @param m     rows of A and C
     * @param n     columns of B and C
     * @param k     columns of A, rows of B
     * @param alpha the factor of {@code A*B}
     * @param a     A's elements, row-major
     * @param aOff  A's first element in {@code a}
     * @param lda   A's row stride in {@code a}, &gt;= max(1, k)
     * @param b     B's elements, row-major
     * @param bOff  B's first element in {@code b}
     * @param ldb   B's row stride in {@code b}, &gt;= max(1, n)
     * @param beta  the factor of the old C (0: C is overwritten, its old values, even NaN, ignored)
     * @param c     C's elements, row-major, written in place
     * @param cOff  C's first element in {@code c}
     * @param ldc   C's row stride in {@code c}, &gt;= max(1, n)
     * @throws IllegalArgumentException if a size is negative, a stride too small or an operand runs past its array
     */
    public static void sgemmJava(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                 float beta, float[] c, int cOff, int ldc) {
        checkArgs(m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        JavaGemm.sgemm(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    private static void checkArgs(int m, int n, int k, int aLen, int aOff, int lda, int bLen, int bOff, int ldb,
                                  int cLen, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("negative gemm size m=" + m + " n=" + n + " k=" + k);
        check("A", m, k, aLen, aOff, lda);
        check("B", k, n, bLen, bOff, ldb);
        check("C", m, n, cLen, cOff, ldc);
    }

    private static void check(String name, int rows, int cols, int len, int off, int ld) {
        if (ld < Math.max(1, cols)) throw new IllegalArgumentException("leading dimension of " + name + " is " + ld + ", expected >= " + cols);
        if (rows == 0 || cols == 0) return;
        long last = off + (long) (rows - 1) * ld + cols - 1;
        if (off < 0 || last >= len) {
            throw new IllegalArgumentException(name + " (" + rows + "x" + cols + ", offset " + off + ", ld " + ld
                    + ") needs index " + last + " but its array has length " + len);
        }
    }
}
