package dev.blockwork.graph;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A picture of a task graph, as DOT (Graphviz's language) or SVG: what {@code Delayed.visualize} and
 * {@code DArray.visualize} write, like Dask's {@code visualize()}.
 *
 * <p>Two levels: the <em>task graph</em> (one node per task, an edge per dependency) and the
 * <em>high-level graph</em> (one node per layer, that is per operation, with its task count).
 * {@link Level#AUTO} draws tasks when there are at most {@link #AUTO_TASK_LIMIT} of them, layers otherwise.
 *
 * <p>SVG comes from Graphviz's {@code dot} when it is installed (on the {@code PATH}) and from
 * {@link GraphLayout}, a built-in layered layout, otherwise; {@link #toSvg()} always uses the built-in one.
 * In the built-in SVG every node is a {@code <g class="node">} and every edge a {@code <g class="edge">},
 * each with a {@code <title>} naming it, as Graphviz's own SVG does.
 *
 * <pre>{@code
 * GraphPicture.of(d.graph(), List.of(d.key()), GraphPicture.Level.AUTO).write(Path.of("graph.svg"));
 * }</pre>
 */
public final class GraphPicture {
    /** Which graph to draw. */
    public enum Level {
        /** Tasks when there are at most {@link #AUTO_TASK_LIMIT}, else layers. */
        AUTO,
        /** One node per task. */
        TASKS,
        /** One node per layer (operation). */
        LAYERS
    }

    /** {@link Level#AUTO} draws the task graph up to this many tasks. */
    public static final int AUTO_TASK_LIMIT = 300;
    private static final double NODE_HEIGHT = 34, CHAR_WIDTH = 7.2, PAD = 16;

    private final List<String> labels;
    private final List<String> titles;
    private final List<int[]> edges;

    private GraphPicture(List<String> labels, List<String> titles, List<int[]> edges) {
        this.labels = labels;
        this.titles = titles;
        this.edges = edges;
    }

    /**
     * A picture of explicit nodes and edges.
     *
     * @param labels each node's label (shown in the node)
     * @param titles each node's title (the tooltip: a key, say), same length as {@code labels}
     * @param edges  each edge as {@code {from, to}}: from an input to the node that needs it
     * @return the picture
     * @throws IllegalArgumentException if the lists differ in length or an edge names no node
     */
    public static GraphPicture of(List<String> labels, List<String> titles, List<int[]> edges) {
        if (labels.size() != titles.size()) {
            throw new IllegalArgumentException("got " + labels.size() + " labels and " + titles.size() + " titles, expected as many");
        }
        for (int[] e : edges) {
            if (e.length != 2 || e[0] < 0 || e[1] < 0 || e[0] >= labels.size() || e[1] >= labels.size()) {
                throw new IllegalArgumentException("edge " + java.util.Arrays.toString(e) + " does not join two of the " + labels.size() + " nodes");
            }
        }
        return new GraphPicture(List.copyOf(labels), List.copyOf(titles), List.copyOf(edges));
    }

    /**
     * A picture of what {@code outputs} need in {@code graph}.
     *
     * @param graph   the graph
     * @param outputs the keys to draw and everything they depend on
     * @param level   tasks, layers, or either by size
     * @return the picture
     * @throws IllegalArgumentException if an output or a dependency is not in the graph
     */
    public static GraphPicture of(Graph graph, List<Key> outputs, Level level) {
        if (level != Level.LAYERS) {
            GraphPicture tasks = tasks(graph, outputs, level == Level.AUTO ? AUTO_TASK_LIMIT : Integer.MAX_VALUE);
            if (tasks != null) return tasks;
        }
        return layers(graph, outputs);
    }

    /** The task graph, or null if it has more than {@code limit} tasks. */
    private static GraphPicture tasks(Graph graph, List<Key> outputs, int limit) {
        Map<Key, Integer> index = new LinkedHashMap<>();
        List<Task> tasks = new ArrayList<>();
        ArrayDeque<Key> todo = new ArrayDeque<>(outputs);
        while (!todo.isEmpty()) {
            Key k = todo.pop();
            if (index.containsKey(k)) continue;
            if (index.size() >= limit) return null;
            Task t = graph.task(k);
            index.put(k, tasks.size());
            tasks.add(t);
            for (Key d : dependencies(t)) if (!index.containsKey(d)) todo.push(d);
        }
        List<String> labels = new ArrayList<>(), titles = new ArrayList<>();
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            labels.add(t.label() + (t.key().rank() > 0 ? " " + indexText(t.key()) : ""));
            titles.add(t.key().toString());
            for (Key d : dependencies(t)) edges.add(new int[] {index.get(d), i});
        }
        return new GraphPicture(labels, titles, edges);
    }

    private static String indexText(Key k) {
        StringBuilder b = new StringBuilder("(");
        for (int a = 0; a < k.rank(); a++) b.append(a == 0 ? "" : ",").append(k.index(a));
        return b.append(')').toString();
    }

    /** The distinct keys a task's arguments name. */
    private static List<Key> dependencies(Task t) {
        List<Key> ds = new ArrayList<>();
        for (Object a : t.args()) {
            if (a instanceof Key k) { if (!ds.contains(k)) ds.add(k); }
            else if (a instanceof Keys ks) for (Key k : ks.keys()) if (!ds.contains(k)) ds.add(k);
        }
        return ds;
    }

    /** One node per layer reachable from the outputs' layers. */
    private static GraphPicture layers(Graph graph, List<Key> outputs) {
        Map<String, Integer> index = new LinkedHashMap<>();
        List<Layer> layers = new ArrayList<>();
        ArrayDeque<String> todo = new ArrayDeque<>();
        for (Key k : outputs) todo.push(k.name());
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (index.containsKey(name)) continue;
            Layer l = graph.layer(name);
            if (l == null) throw new IllegalArgumentException("no layer '" + name + "' in the graph; layers present: " + graph);
            index.put(name, layers.size());
            layers.add(l);
            for (String d : l.dependencies()) if (!index.containsKey(d)) todo.push(d);
        }
        List<String> labels = new ArrayList<>(), titles = new ArrayList<>();
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            int n = l.keys().size();
            labels.add(operation(l.name()) + " (" + n + (n == 1 ? " task)" : " tasks)"));
            titles.add(l.name());
            for (String d : l.dependencies()) {
                Integer from = index.get(d);
                if (from != null) edges.add(new int[] {from, i});
            }
        }
        return new GraphPicture(labels, titles, edges);
    }

    /**
     * The operation a layer name stands for: the name without its numeric suffix ({@code add-7} → {@code add},
     * {@code sum-partial-12} → {@code sum-partial}).
     *
     * @param layerName a layer name (a {@link Key#name()})
     * @return the operation
     */
    public static String operation(String layerName) {
        int dash = layerName.lastIndexOf('-');
        if (dash <= 0 || dash == layerName.length() - 1) return layerName;
        for (int i = dash + 1; i < layerName.length(); i++) {
            char c = layerName.charAt(i);
            if (c < '0' || c > '9') return layerName;
        }
        return layerName.substring(0, dash);
    }

    /**
     * Number of nodes.
     *
     * @return how many nodes the picture has
     */
    public int nodeCount() { return labels.size(); }

    /**
     * Number of edges.
     *
     * @return how many edges the picture has
     */
    public int edgeCount() { return edges.size(); }

    /**
     * The picture in Graphviz's DOT language (inputs on top).
     *
     * @return DOT text
     */
    public String toDot() {
        StringBuilder b = new StringBuilder("digraph blockwork {\n  rankdir=TB;\n")
                .append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\", fontname=\"Helvetica\", fontsize=11];\n");
        for (int i = 0; i < labels.size(); i++) {
            b.append("  n").append(i).append(" [label=\"").append(dotEscape(labels.get(i)))
                    .append("\", tooltip=\"").append(dotEscape(titles.get(i))).append("\"];\n");
        }
        for (int[] e : edges) b.append("  n").append(e[0]).append(" -> n").append(e[1]).append(";\n");
        return b.append("}\n").toString();
    }

    /**
     * The picture as SVG, laid out by the built-in {@link GraphLayout} (no Graphviz needed).
     *
     * @return a standalone SVG document
     */
    public String toSvg() {
        int n = labels.size();
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = Math.max(40, labels.get(i).length() * CHAR_WIDTH + PAD);
        GraphLayout.Placement p = GraphLayout.layout(w, NODE_HEIGHT, edges);
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">%n",
                        p.width(), p.height(), p.width(), p.height()))
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">")
                .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#777\"/></marker></defs>\n")
                .append("<g class=\"graph\" font-family=\"Helvetica,Arial,sans-serif\" font-size=\"11\">\n");
        for (int[] e : edges) {
            double x1 = p.x()[e[0]] + w[e[0]] / 2, y1 = p.y()[e[0]] + NODE_HEIGHT;
            double x2 = p.x()[e[1]] + w[e[1]] / 2, y2 = p.y()[e[1]];
            double my = (y1 + y2) / 2;
            b.append(String.format(Locale.ROOT, "<g class=\"edge\"><title>%s&#8594;%s</title>"
                            + "<path d=\"M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"none\" stroke=\"#777\" marker-end=\"url(#arrow)\"/></g>%n",
                    xmlEscape(titles.get(e[0])), xmlEscape(titles.get(e[1])), x1, y1, x1, my, x2, my, x2, y2));
        }
        for (int i = 0; i < n; i++) {
            b.append(String.format(Locale.ROOT, "<g class=\"node\" id=\"n%d\"><title>%s</title>"
                            + "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" fill=\"#eef3fb\" stroke=\"#4a6fa5\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text></g>%n",
                    i, xmlEscape(titles.get(i)), p.x()[i], p.y()[i], w[i], NODE_HEIGHT,
                    p.x()[i] + w[i] / 2, p.y()[i] + NODE_HEIGHT / 2 + 4, xmlEscape(labels.get(i))));
        }
        return b.append("</g>\n</svg>\n").toString();
    }

    /**
     * Writes the picture to {@code file}: a {@code .dot} file gets DOT; any other name (normally {@code .svg})
     * gets SVG, with the DOT beside it ({@code graph.svg} and {@code graph.dot}). The SVG comes from
     * Graphviz's {@code dot} when it is on the {@code PATH} (and works), else from the built-in layout.
     *
     * @param file where to write
     * @return {@code file}
     * @throws IOException if a file cannot be written
     */
    public Path write(Path file) throws IOException {
        String dot = toDot();
        String name = file.getFileName().toString();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        if (name.toLowerCase(Locale.ROOT).endsWith(".dot")) {
            Files.writeString(file, dot);
            return file;
        }
        int dotAt = name.lastIndexOf('.');
        Files.writeString(file.resolveSibling((dotAt > 0 ? name.substring(0, dotAt) : name) + ".dot"), dot);
        String svg = graphviz(dot);
        Files.writeString(file, svg != null ? svg : toSvg());
        return file;
    }

    /** SVG from Graphviz's {@code dot}, or null when it is not installed or fails. */
    static String graphviz(String dot) {
        Path exe = graphvizDot();
        if (exe == null) return null;
        try {
            Process p = new ProcessBuilder(exe.toString(), "-Tsvg").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = p.getOutputStream()) { in.write(dot.getBytes(StandardCharsets.UTF_8)); }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream s = p.getInputStream()) { s.transferTo(out); }
            if (!p.waitFor(60, TimeUnit.SECONDS)) { p.destroyForcibly(); return null; }
            return p.exitValue() == 0 && out.size() > 0 ? out.toString(StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Graphviz's {@code dot} on the PATH, or null. */
    static Path graphvizDot() {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, "dot");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    private static String dotEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String xmlEscape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() { return "GraphPicture[" + nodeCount() + " nodes, " + edgeCount() + " edges]"; }
}
