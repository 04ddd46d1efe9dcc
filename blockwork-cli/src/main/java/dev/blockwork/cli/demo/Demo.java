package dev.blockwork.cli.demo;

import java.io.PrintStream;
import java.util.List;

/**
 * The parts of {@code blockwork demo}. Each prints its title at column 0, then what it computed and how long it
 * took, every line indented by {@link #INDENT}.
 */
public final class Demo {
    /** Part 1's title, as {@code blockwork demo --help} lists it. */
    public static final String PART_1 = "threads: Hello five times, then a lock shared by several threads";
    /** Part 2's title. */
    public static final String PART_2 = "a pool of parallel workers (worker JVMs) and a Queue between processes";
    /** Part 3's title. */
    public static final String PART_3 = "async tasks on virtual threads (asyncio-style)";
    /** Part 4's title. */
    public static final String PART_4 = "chunked arrays: z = x + x*2 on ones((1000, 1000)) in (100, 100) chunks";
    /** Part 5's title. */
    public static final String PART_5 = "the same example on a local cluster of 2 worker JVMs (Hazelcast members)";
    /** What every line under a part's title starts with. */
    public static final String INDENT = "  ";

    private static final List<String> TITLES = List.of(PART_1, PART_2, PART_3, PART_4, PART_5);

    private Demo() {}

    /**
     * A part's title.
     *
     * @param part 1 to 5
     * @return its title, as the help lists it
     * @throws IllegalArgumentException if there is no such part
     */
    public static String title(int part) {
        if (part < 1 || part > TITLES.size()) throw new IllegalArgumentException("got demo part " + part + ", expected 1-" + TITLES.size());
        return TITLES.get(part - 1);
    }

    /**
     * Runs the given parts in order.
     *
     * @param out   where the parts print
     * @param parts part numbers, 1 to 5
     * @param quick smaller sizes and counts (a few seconds in all), the same parts and the same checks
     * @throws Exception what a part throws
     */
    public static void run(PrintStream out, List<Integer> parts, boolean quick) throws Exception {
        PrintStream under = new PrintStream(new LineIndentingOutputStream(out, INDENT), true, out.charset());
        for (int p : parts) {
            String title = title(p);
            long t0 = System.nanoTime();
            out.println("== (" + p + ") " + title + " ==");
            switch (p) {
                case 1 -> ThreadsDemo.run(under, quick);
                case 2 -> PoolDemo.run(under, quick);
                case 3 -> dev.blockwork.cli.examples.HelloAsync.run(under);
                case 4 -> ArraysDemo.run(under, quick);
                case 5 -> ClusterDemo.run(under, quick);
                default -> throw new AssertionError(p);
            }
            under.printf("part %d took %.1f ms%n%n", p, (System.nanoTime() - t0) / 1e6);
            under.flush();
        }
    }
}
