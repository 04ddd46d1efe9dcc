package dev.blockwork.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.graph.TaskFunction;
import org.junit.jupiter.api.Test;

/** The client's function table: one id per distinct function, none for functions too large or beyond its bounds. */
class ClusterFunctionTableTest {
    static TaskFunction adding(long k) { return a -> (Long) a[0] + k; }

    static TaskFunction capturing(byte[] data) { return a -> data.length; }

    @Test
    void equalFunctionsShareAnIdFromTheirSecondSightAndDistinctOnesDoNot() {
        FunctionTable t = new FunctionTable();
        assertThat(t.define(adding(1)).cached()).as("seen once: travels with its task").isFalse();
        FunctionTable.Def a = t.define(adding(1)), b = t.define(adding(1));
        assertThat(a.cached()).as("seen again: a fresh lambda with equal captures is the same function").isTrue();
        assertThat(b.id()).isEqualTo(a.id());
        t.define(adding(2));
        FunctionTable.Def c = t.define(adding(2));
        assertThat(c.id()).isNotEqualTo(a.id()).isPositive();
        assertThat(t.size()).isEqualTo(2);
    }

    @Test
    void largeFunctionsAndThoseBeyondTheBoundTravelWithTheirTasks() {
        FunctionTable t = new FunctionTable();
        byte[] data = new byte[FunctionTable.MAX_FUNCTION_BYTES + 1];
        t.define(capturing(data));
        FunctionTable.Def big = t.define(capturing(data));
        assertThat(big.cached()).isFalse();
        assertThat(big.bytes().length).isGreaterThan(FunctionTable.MAX_FUNCTION_BYTES);
        for (long k = 0; k < FunctionTable.MAX_FUNCTIONS; k++) {
            t.define(adding(k));
            assertThat(t.define(adding(k)).cached()).isTrue();
        }
        t.define(adding(-1));
        assertThat(t.define(adding(-1)).cached()).as("the table is full: a new function is not kept").isFalse();
        assertThat(t.define(adding(7)).cached()).as("one it has is still found").isTrue();
        assertThat(t.size()).isEqualTo(FunctionTable.MAX_FUNCTIONS);
    }
}
