package dev.blockwork.dashboard.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard page and its files, from this jar's resources ({@code dev/blockwork/dashboard/page/}): the
 * live page links its scripts; a report inlines them and the data, so that it opens offline.
 */
public final class Page {
    /** Files the server hands out under {@code /static/}, with their content types. */
    public static final Map<String, String> STATIC = Map.of(
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "uPlot.min.css", "text/css; charset=utf-8",
            "uPlot.LICENSE", "text/plain; charset=utf-8");
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private Page() {}

    /** A resource of the page, cached. */
    public static byte[] resource(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = Page.class.getResourceAsStream("/dev/blockwork/dashboard/page/" + n)) {
                if (in == null) throw new IllegalStateException("the dashboard's resource " + n + " is missing from the jar");
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String text(String name) { return new String(resource(name), StandardCharsets.UTF_8); }

    /** The live page: scripts by link, data from {@code /events}. */
    public static String live() {
        String head = "<link rel=\"stylesheet\" href=\"static/uPlot.min.css\">\n<link rel=\"stylesheet\" href=\"static/dashboard.css\">\n";
        String scripts = "<script src=\"static/uPlot.iife.min.js\"></script>\n<script src=\"static/dashboard.js\"></script>\n";
        return text("index.html").replace("<!--HEAD-->", head).replace("<!--SCRIPTS-->", scripts).replace("<!--TITLE-->", "Blockwork dashboard");
    }

    /**
     * A self-contained report: styles, scripts and {@code snapshotJson} inline.
     *
     * @param title        the page title
     * @param snapshotJson a full {@link Aggregator#tick} message
     * @return the HTML
     */
    public static String report(String title, String snapshotJson) {
        String head = "<style>\n" + text("uPlot.min.css") + "\n" + text("dashboard.css") + "\n</style>\n";
        String scripts = "<script>/* uPlot, MIT licence (" + oneLine(text("uPlot.LICENSE")) + ") */\n"
                + scriptSafe(text("uPlot.iife.min.js")) + "\n</script>\n"
                + "<script>window.BLOCKWORK_SNAPSHOT = " + snapshotJson + ";</script>\n"
                + "<script>\n" + scriptSafe(text("dashboard.js")) + "\n</script>\n";
        return text("index.html").replace("<!--HEAD-->", head).replace("<!--SCRIPTS-->", scripts)
                .replace("<!--TITLE-->", title.replace("&", "&amp;").replace("<", "&lt;"));
    }

    private static String oneLine(String s) { return s.replaceAll("\\s+", " ").replace("*/", "* /").trim(); }

    /** A script body can hold anything but {@code </script}. */
    private static String scriptSafe(String js) { return js.replace("</script", "<\\/script"); }
}
