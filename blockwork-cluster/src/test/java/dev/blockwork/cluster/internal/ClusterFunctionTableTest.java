package dev.blockwork.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.graph.TaskFunction;
import org.junit.jupiter.api.Test;

/** The client's function table: one id per distinct function, none for functions too large or beyond its bounds. */
class ClusterFunctionTableTest {
    static TaskFunction adding(long k) { return a -> (Long) a[0] + k; }

    static TaskFunction capturing(byte[] data) { return a -> data.length; }

    @Test
    void equalFunctionsShareAnIdAndDistinctOnesDoNot() {
        FunctionTable t = new FunctionTable();
        FunctionTable.Def a = t.define(adding(1)), b = t.define(adding(1)), c = t.define(adding(2));
        assertThat(a.cached()).isTrue();
        assertThat(b.id()).as("a fresh lambda with equal captures: the same function").isEqualTo(a.id());
        assertThat(c.id()).isNotEqualTo(a.id()).isPositive();
        assertThat(t.size()).isEqualTo(2);
    }

    @Test
    void largeFunctionsAndThoseBeyondTheBoundTravelWithTheirTasks() {
        FunctionTable t = new FunctionTable();
        FunctionTable.Def big = t.define(capturing(new byte[FunctionTable.MAX_FUNCTION_BYTES + 1]));
        assertThat(big.cached()).isFalse();
        assertThat(big.bytes().length).isGreaterThan(FunctionTable.MAX_FUNCTION_BYTES);
        for (long k = 0; k < FunctionTable.MAX_FUNCTIONS; k++) assertThat(t.define(adding(k)).cached()).isTrue();
        assertThat(t.define(adding(-1)).cached()).as("the table is full: a new function is not kept").isFalse();
        assertThat(t.define(adding(7)).cached()).as("one it has is still found").isTrue();
        assertThat(t.size()).isEqualTo(FunctionTable.MAX_FUNCTIONS);
    }
}
