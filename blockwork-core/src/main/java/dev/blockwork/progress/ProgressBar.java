package dev.blockwork.progress;

import dev.blockwork.schedule.ComputeInfo;
import dev.blockwork.schedule.SchedulerListener;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A console progress bar for long computes, like Dask's {@code ProgressBar}: nothing for computes that
 * end within the delay (default 1 s), then a bar redrawn in place about five times a second:
 * <pre>[########################----------------]  61% | 122000/200000 tasks | 1.4 s</pre>
 * On a terminal the bar redraws with {@code \r}; elsewhere (a log, a pipe) it prints a plain line about
 * once a second instead, and only when forced on, since by default ({@code blockwork.progress=auto})
 * it shows only on a terminal.
 *
 * <p>It polls {@link ComputeInfo#completedTasks()} from one daemon thread instead of taking per-task
 * events, so it costs the computes nothing.
 */
public final class ProgressBar implements SchedulerListener {
    private static final ProgressBar SHARED = new ProgressBar(System.err, terminal(), 1_000_000_000L);
    private static final int WIDTH = 40;

    private final PrintStream out;
    private final boolean terminal;
    private final long delayNanos;
    private final Map<Long, Shown> active = new ConcurrentHashMap<>();
    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "blockwork-progress");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> tick;

    private static final class Shown {
        final ComputeInfo info;
        boolean drawn;       // guarded by the bar
        long lastPrintNanos; // guarded by the bar
        Shown(ComputeInfo info) { this.info = info; }
    }

    /**
     * A bar printing to {@code out}; {@code terminal} selects in-place redraws; shown after {@code delayNanos}.
     *
     * @param out where the bar is drawn
     * @param terminal true to redraw in place (a terminal), false for plain lines
     * @param delayNanos how long a compute runs before its bar appears
     */
    public ProgressBar(PrintStream out, boolean terminal, long delayNanos) {
        this.out = out;
        this.terminal = terminal;
        this.delayNanos = delayNanos;
    }

    /**
     * The bar computes attach when progress is enabled.
     *
     * @return the shared bar (standard error)
     */
    public static ProgressBar shared() { return SHARED; }

    /**
     * Whether the default bar applies: {@code override} if non-null, else the {@code progress} setting.
     *
     * @param override a per-compute choice, or null for the configured one
     * @return whether computes get the default bar
     */
    public static boolean enabled(Boolean override) {
        if (override != null) return override;
        String mode = dev.blockwork.config.CoreSettings.PROGRESS.get();
        return switch (mode.toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> terminal();
        };
    }

    static boolean terminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    @Override public boolean wantsTaskEvents() { return false; }

    @Override
    public void onComputeStart(ComputeInfo compute) {
        active.put(compute.id(), new Shown(compute));
        synchronized (this) {
            if (tick == null) tick = TICKER.scheduleAtFixedRate(this::draw, 200, 200, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void onComputeFinish(ComputeInfo compute, Throwable error) {
        Shown s = active.remove(compute.id());
        synchronized (this) {
            if (s != null && s.drawn) {
                out.print((terminal ? "\r" : "") + line(compute, System.nanoTime(), error == null ? "done" : "failed") + "\n");
                out.flush();
            }
            if (active.isEmpty() && tick != null) { tick.cancel(false); tick = null; }
        }
    }

    private synchronized void draw() {
        try {
            drawOne();
        } catch (Throwable e) { // a failed tick must not stop later ones
            System.getLogger(ProgressBar.class.getName()).log(System.Logger.Level.WARNING, "progress bar draw failed", e);
        }
    }

    private void drawOne() {
        long now = System.nanoTime();
        for (Shown s : active.values()) {
            if (now - s.info.startNanos() < delayNanos) continue;
            if (!terminal && now - s.lastPrintNanos < 1_000_000_000L) continue;
            s.drawn = true;
            s.lastPrintNanos = now;
            out.print(terminal ? "\r" + line(s.info, now, null) : line(s.info, now, null) + "\n");
            out.flush();
            return; // one bar at a time: the oldest long compute
        }
    }

    /** One rendering of the bar. */
    static String line(ComputeInfo c, long now, String end) {
        long done = c.completedTasks();
        int total = Math.max(1, c.totalTasks());
        double frac = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(frac * WIDTH);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        String s = String.format("[%s] %3d%% | %d/%d tasks | %.1f s", bar, Math.round(frac * 100), done, c.totalTasks(),
                (now - c.startNanos()) / 1e9);
        return s + (end == null ? "" : " | " + end);
    }
}
