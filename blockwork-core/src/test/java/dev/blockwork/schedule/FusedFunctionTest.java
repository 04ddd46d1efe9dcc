package dev.blockwork.schedule;

import dev.blockwork.graph.Graph;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.graph.TaskFunction;
import dev.blockwork.graph.TaskLayer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FusedFunctionTest {
    static Object inc(Object[] a) { return (int) a[0] + 1; }

    @Test
    void aFusedChainStillWorksAfterSerialization() throws Exception {
        Graph g = Graph.of(new TaskLayer("c", List.of(
                new Task(Key.of("c", 0), "one", a -> 1, new Object[0]),
                new Task(Key.of("c", 1), "inc", FusedFunctionTest::inc, new Object[] {Key.of("c", 0)}),
                new Task(Key.of("c", 2), "inc", FusedFunctionTest::inc, new Object[] {Key.of("c", 1)})), Set.of()));
        Plan p = Planner.plan(g::task, List.of(Key.of("c", 2)), true);
        assertThat(p.size()).isEqualTo(1);
        TaskFunction f = p.function(0);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buf)) { out.writeObject(f); }
        TaskFunction copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(buf.toByteArray()))) {
            copy = (TaskFunction) in.readObject();
        }
        assertThat(copy.apply(new Object[0])).isEqualTo(3);
    }
}
