package dev.blockwork.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small layered layout for directed acyclic graphs, for pictures when Graphviz is not installed
 * ({@link GraphPicture}) and for the dashboard's graph view: inputs on top, each node one row below its
 * lowest input.
 *
 * <h2>Implementation overview</h2>
 * The classic three steps of a layered (Sugiyama) drawing, each in its simplest form:
 * <ol>
 *   <li><b>rank</b>: longest path from the sources in topological order (Kahn's algorithm; nodes left over
 *       by a cycle, which a task graph never has, go to row 0);</li>
 *   <li><b>order</b>: within each row, a few sweeps down and up that sort nodes by the mean position of
 *       their neighbours in the row before (the barycentre heuristic), which removes most crossings;</li>
 *   <li><b>place</b>: nodes side by side in their order, each row centred on the widest one.</li>
 * </ol>
 * Long edges are not split into dummy nodes, so an edge may cross a node of a row it passes; pictures of
 * task graphs stay readable because most edges join adjacent rows. Linear time per sweep.
 */
public final class GraphLayout {
    /** Horizontal gap between nodes of a row, and the vertical gap between rows, in pixels. */
    public static final double GAP_X = 18, GAP_Y = 42;
    private static final int SWEEPS = 4;

    /**
     * Where each node goes.
     *
     * @param x      each node's left edge
     * @param y      each node's top edge
     * @param rank   each node's row (0 = top)
     * @param width  the drawing's width
     * @param height the drawing's height
     */
    public record Placement(double[] x, double[] y, int[] rank, double width, double height) {}

    private GraphLayout() {}

    /**
     * Lays out a graph of {@code widths.length} nodes.
     *
     * @param widths     each node's width in pixels
     * @param nodeHeight every node's height in pixels
     * @param edges      each edge as {@code {from, to}} (from an input to the node that needs it)
     * @return the positions
     * @throws IllegalArgumentException if an edge names a node that does not exist
     */
    public static Placement layout(double[] widths, double nodeHeight, List<int[]> edges) {
        int n = widths.length;
        List<List<Integer>> out = new ArrayList<>(n), in = new ArrayList<>(n);
        for (int i = 0; i < n; i++) { out.add(new ArrayList<>()); in.add(new ArrayList<>()); }
        int[] indeg = new int[n];
        for (int[] e : edges) {
            if (e[0] < 0 || e[0] >= n || e[1] < 0 || e[1] >= n) {
                throw new IllegalArgumentException("edge " + Arrays.toString(e) + " names a node outside 0.." + (n - 1));
            }
            out.get(e[0]).add(e[1]);
            in.get(e[1]).add(e[0]);
            indeg[e[1]]++;
        }
        int[] rank = new int[n];
        int[] queue = new int[n];
        int head = 0, tail = 0;
        for (int i = 0; i < n; i++) if (indeg[i] == 0) queue[tail++] = i;
        while (head < tail) {
            int v = queue[head++];
            for (int w : out.get(v)) {
                rank[w] = Math.max(rank[w], rank[v] + 1);
                if (--indeg[w] == 0) queue[tail++] = w;
            }
        }
        int rows = 0;
        for (int r : rank) rows = Math.max(rows, r + 1);
        List<List<Integer>> row = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) row.add(new ArrayList<>());
        for (int i = 0; i < n; i++) row.get(rank[i]).add(i);
        double[] pos = new double[n]; // a node's index within its row
        renumber(row, pos);
        for (int s = 0; s < SWEEPS; s++) {
            boolean down = s % 2 == 0;
            for (int k = 1; k < rows; k++) {
                int r = down ? k : rows - 1 - k;
                sortByBarycentre(row.get(r), down ? in : out, pos);
                renumber(row, pos);
            }
        }
        double[] x = new double[n], y = new double[n];
        double[] rowWidth = new double[rows];
        double widest = 0;
        for (int r = 0; r < rows; r++) {
            double w = 0;
            for (int v : row.get(r)) w += widths[v];
            w += GAP_X * Math.max(0, row.get(r).size() - 1);
            rowWidth[r] = w;
            widest = Math.max(widest, w);
        }
        for (int r = 0; r < rows; r++) {
            double cx = GAP_X + (widest - rowWidth[r]) / 2;
            for (int v : row.get(r)) {
                x[v] = cx;
                y[v] = GAP_X + r * (nodeHeight + GAP_Y);
                cx += widths[v] + GAP_X;
            }
        }
        double height = rows == 0 ? 2 * GAP_X : 2 * GAP_X + rows * nodeHeight + (rows - 1) * GAP_Y;
        return new Placement(x, y, rank, widest + 2 * GAP_X, height);
    }

    private static void sortByBarycentre(List<Integer> nodes, List<List<Integer>> neighbours, double[] pos) {
        double[] key = new double[pos.length];
        for (int v : nodes) {
            List<Integer> nb = neighbours.get(v);
            if (nb.isEmpty()) { key[v] = pos[v]; continue; }
            double s = 0;
            for (int w : nb) s += pos[w];
            key[v] = s / nb.size();
        }
        nodes.sort((a, b) -> Double.compare(key[a], key[b]));
    }

    private static void renumber(List<List<Integer>> rows, double[] pos) {
        for (List<Integer> r : rows) for (int i = 0; i < r.size(); i++) pos[r.get(i)] = i;
    }
}
