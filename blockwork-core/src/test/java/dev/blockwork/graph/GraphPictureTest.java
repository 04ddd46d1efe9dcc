package dev.blockwork.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.delayed.Delayed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Graph pictures: SVG and DOT parsed back, node and edge counts checked, the layout's rows checked. */
class GraphPictureTest {
    static int inc(int x) { return x + 1; }

    static int add(int a, int b) { return a + b; }

    /** a → b, a → c, (b, c) → d: 4 tasks, 4 edges. */
    static Delayed<Integer> diamond() {
        Delayed<Integer> a = Delayed.of(GraphPictureTest::inc, 1);
        Delayed<Integer> b = Delayed.of(GraphPictureTest::inc, a);
        Delayed<Integer> c = Delayed.of(GraphPictureTest::inc, a).named("other");
        return Delayed.of(GraphPictureTest::add, b, c);
    }

    static Document xml(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    static List<Element> groups(Document d, String cls) {
        NodeList gs = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        List<Element> r = new ArrayList<>();
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if (cls.equals(g.getAttribute("class"))) r.add(g);
        }
        return r;
    }

    /** DOT parsed back: node ids with their labels, and edges as "from->to". */
    record Dot(Set<String> nodes, List<String> edges, List<String> labels) {
        static Dot parse(String text) {
            Set<String> nodes = new HashSet<>();
            List<String> edges = new ArrayList<>(), labels = new ArrayList<>();
            Matcher n = Pattern.compile("(?m)^\\s*(n\\d+) \\[label=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
            while (n.find()) { nodes.add(n.group(1)); labels.add(n.group(2)); }
            Matcher e = Pattern.compile("(?m)^\\s*(n\\d+) -> (n\\d+);").matcher(text);
            while (e.find()) edges.add(e.group(1) + "->" + e.group(2));
            assertThat(text).startsWith("digraph blockwork {").endsWith("}\n");
            return new Dot(nodes, edges, labels);
        }
    }

    @Test
    void delayedVisualizeWritesSvgAndDotOfTheTaskGraph(@TempDir Path dir) throws Exception {
        Path svg = diamond().visualize(dir.resolve("graph.svg"));
        Document d = xml(svg);
        assertThat(d.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(groups(d, "node")).hasSize(4);
        assertThat(groups(d, "edge")).hasSize(4);
        List<String> titles = new ArrayList<>();
        for (Element g : groups(d, "node")) titles.add(g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent());
        assertThat(titles).anyMatch(t -> t.startsWith("'add-")).anyMatch(t -> t.startsWith("'other-")).filteredOn(t -> t.startsWith("'inc-")).hasSize(2);

        Dot dot = Dot.parse(Files.readString(dir.resolve("graph.dot")));
        assertThat(dot.nodes()).hasSize(4);
        assertThat(dot.edges()).hasSize(4).doesNotHaveDuplicates();
        assertThat(dot.labels()).containsExactlyInAnyOrder("add", "inc", "inc", "other");
    }

    @Test
    void aDotFileNameGetsOnlyDot(@TempDir Path dir) throws Exception {
        Path p = diamond().visualize(dir.resolve("only.dot"));
        assertThat(Dot.parse(Files.readString(p)).edges()).hasSize(4);
        try (var files = Files.list(dir)) { assertThat(files.toList()).containsExactly(p); }
    }

    @Test
    void bigGraphsAreDrawnByLayerWithTheirTaskCounts() throws Exception {
        List<Task> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            xs.add(new Task(Key.of("ones-1", i), "ones", args -> 1, new Object[0]));
            ys.add(new Task(Key.of("sum-partial-2", i), "partial", args -> args[0], new Object[] {Key.of("ones-1", i)}));
        }
        Task total = new Task(Key.of("sum-combine-3"), "combine", args -> 0, new Object[] {new Keys(ys.stream().map(Task::key).toList())});
        Graph g = Graph.of(new TaskLayer("ones-1", xs, Set.of()), new TaskLayer("sum-partial-2", ys, Set.of("ones-1")),
                new TaskLayer("sum-combine-3", List.of(total), Set.of("sum-partial-2")));
        GraphPicture auto = GraphPicture.of(g, List.of(total.key()), GraphPicture.Level.AUTO);
        assertThat(auto.nodeCount()).isEqualTo(3);
        assertThat(auto.edgeCount()).isEqualTo(2);
        Dot dot = Dot.parse(auto.toDot());
        assertThat(dot.labels()).containsExactlyInAnyOrder("ones (400 tasks)", "sum-partial (400 tasks)", "sum-combine (1 task)");
        GraphPicture tasks = GraphPicture.of(g, List.of(total.key()), GraphPicture.Level.TASKS);
        assertThat(tasks.nodeCount()).isEqualTo(801);
        assertThat(tasks.edgeCount()).isEqualTo(800);
        Path f = Files.createTempFile("tasks", ".svg");
        try {
            Files.writeString(f, tasks.toSvg());
            Document d = xml(f);
            assertThat(groups(d, "node")).hasSize(801);
            assertThat(groups(d, "edge")).hasSize(800);
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void theLayoutPutsEveryNodeBelowItsInputs() {
        // a random DAG: edges only from lower to higher numbers
        java.util.Random r = new java.util.Random(42);
        int n = 60;
        List<int[]> edges = new ArrayList<>();
        for (int to = 1; to < n; to++) for (int k = 0; k < 1 + r.nextInt(3); k++) edges.add(new int[] {r.nextInt(to), to});
        double[] w = new double[n];
        java.util.Arrays.fill(w, 50);
        GraphLayout.Placement p = GraphLayout.layout(w, 30, edges);
        for (int[] e : edges) {
            assertThat(p.rank()[e[1]]).isGreaterThan(p.rank()[e[0]]);
            assertThat(p.y()[e[1]]).isGreaterThan(p.y()[e[0]]);
        }
        // nodes of one row do not overlap
        for (int a = 0; a < n; a++) for (int b = a + 1; b < n; b++) {
            if (p.rank()[a] == p.rank()[b]) assertThat(Math.abs(p.x()[a] - p.x()[b])).isGreaterThanOrEqualTo(50);
        }
        for (int i = 0; i < n; i++) assertThat(p.x()[i] + w[i]).isLessThanOrEqualTo(p.width());
    }

    @Test
    void operationStripsOnlyANumericSuffix() {
        assertThat(GraphPicture.operation("sum-partial-12")).isEqualTo("sum-partial");
        assertThat(GraphPicture.operation("add-7")).isEqualTo("add");
        assertThat(GraphPicture.operation("add")).isEqualTo("add");
        assertThat(GraphPicture.operation("x-1a")).isEqualTo("x-1a");
        assertThat(GraphPicture.operation("-3")).isEqualTo("-3");
        assertThat(GraphPicture.operation("a-")).isEqualTo("a-");
    }

    @Test
    void badEdgesAreRejectedWithTheirNodes() {
        assertThatThrownBy(() -> GraphPicture.of(List.of("a"), List.of("a"), List.of(new int[] {0, 1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]").hasMessageContaining("1 nodes");
    }

    @Test
    void labelsAreEscapedInSvgAndDot() throws Exception {
        GraphPicture p = GraphPicture.of(List.of("a<b & \"c\""), List.of("k"), List.of());
        assertThat(p.toDot()).contains("label=\"a<b & \\\"c\\\"\"");
        Path f = Files.createTempFile("esc", ".svg");
        try {
            Files.writeString(f, p.toSvg());
            assertThat(xml(f).getElementsByTagNameNS("http://www.w3.org/2000/svg", "text").item(0).getTextContent()).isEqualTo("a<b & \"c\"");
        } finally {
            Files.delete(f);
        }
    }
}
