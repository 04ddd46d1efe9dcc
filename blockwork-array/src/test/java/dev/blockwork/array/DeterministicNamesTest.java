package dev.blockwork.array;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.graph.Tokens;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Layer names are tokens of the operation and its inputs (Dask's {@code tokenize}): the same expression built
 * twice has the same names and keys; anything that changes the values changes the name; a user's function gives
 * unique names (it has no stable identity). The same names in another JVM: {@code ProcessesArrayTest}.
 */
class DeterministicNamesTest {
    static final String PINNED = "71e910cdc5f63dfa93a554589bf84ab6";
    /** Expressions that must be named alike when built twice, and differently from each other. */
    static final List<Supplier<DArray>> EXPRESSIONS = List.of(
            () -> DArray.ones(shape(100, 80), chunks(30, 40)),
            () -> DArray.ones(shape(100, 80), chunks(30, 20)),                 // other chunks
            () -> u().add(1),
            () -> u().add(2),                                                  // another scalar
            () -> u().sub(1),                                                  // another operation
            () -> u().mul(2),                                                  // another operation
            () -> u().add(1).sum(),
            () -> u().add(1).sum(0),                                           // another axis
            () -> u().add(1).mean(0),
            () -> u().add(1).std(1, new int[] {0}, false),
            () -> DArray.arange(0, 50, 1, chunks(10), DType.INT64),
            () -> DArray.arange(0, 50, 2, chunks(10), DType.INT64),
            () -> DArray.linspace(0, 1, 30, chunks(7)),
            () -> DArray.eye(20, chunks(5, 5)),
            () -> DArray.fromArray(NDArray.arange(0, 12, 1, DType.FLOAT64).reshape(3, 4), chunks(2, 2)),
            () -> DArray.fromArray(NDArray.arange(1, 13, 1, DType.FLOAT64).reshape(3, 4), chunks(2, 2)), // other data
            () -> new DRandom(7).normal(shape(60, 60), chunks(20, 20)),
            () -> new DRandom(8).normal(shape(60, 60), chunks(20, 20)),
            () -> u().transpose(),
            () -> u().rechunk(chunks(50, 80)),
            () -> DArray.ones(shape(60, 40), chunks(20, 20)).matmul(DArray.ones(shape(40, 30), chunks(20, 10))));

    /** Random data (seeded): element-wise maths on constants folds into a constant, which is named by its value. */
    static DArray u() { return new DRandom(3).uniform(shape(100, 80), chunks(30, 40)); }

    @Test
    void constantsAreNamedByTheirValue() {
        DArray ones = DArray.ones(shape(10, 10), chunks(5, 5));
        assertThat(ones.add(1).layerName()).as("1 + 1 and 1 * 2 are the same constant").isEqualTo(ones.mul(2).layerName());
        assertThat(ones.add(1).layerName()).isNotEqualTo(ones.add(2).layerName());
    }

    @Test
    void theSameExpressionBuiltTwiceHasTheSameNamesAndDifferentOnesDoNot() {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < EXPRESSIONS.size(); i++) {
            DArray a = EXPRESSIONS.get(i).get(), b = EXPRESSIONS.get(i).get();
            assertThat(b.layerName()).as("expression %d built twice", i).isEqualTo(a.layerName());
            assertThat(b.keys()).as("expression %d's keys", i).isEqualTo(a.keys());
            assertThat(a.layerName()).as("expression %d is named by a token", i).matches(".*-[0-9a-f]{32}");
            names.add(a.layerName());
        }
        assertThat(names).as("different expressions have different names").doesNotHaveDuplicates();
    }

    @Test
    void aGraphUsingTheSameExpressionTwiceComputesItOnceAndRight() {
        DArray x = DArray.ones(shape(100, 80), chunks(30, 40)).add(1);
        DArray y = DArray.ones(shape(100, 80), chunks(30, 40)).add(1); // the same name: one layer in the merged graph
        DArray z = DArray.ones(shape(100, 80), chunks(30, 40)).add(2); // another name
        NDArray r = x.mul(y).add(z).compute();
        assertThat(r.getDouble(99, 79)).isEqualTo(2.0 * 2.0 + 3.0);
        assertThat(x.mul(y).add(z).sum().compute().item()).isEqualTo(7.0 * 100 * 80);
    }

    @Test
    void aUsersFunctionGivesUniqueNames() {
        DArray x = DArray.ones(shape(10, 10), chunks(5, 5));
        assertThat(x.mapBlocks((b, info) -> b).layerName()).isNotEqualTo(x.mapBlocks((b, info) -> b).layerName());
    }

    @Test
    void tokensAreStableFingerprintsOfTheirParts() {
        assertThat(Tokens.of("add", 1L, new long[] {3, 4})).isEqualTo(Tokens.of("add", 1L, new long[] {3, 4})).hasSize(32);
        assertThat(Tokens.of("add", 1L)).isNotEqualTo(Tokens.of("add", 1)); // a long and an int are different values
        assertThat(Tokens.of(1.0)).isNotEqualTo(Tokens.of(1L));
        assertThat(Tokens.of(List.of("a", "b"))).isNotEqualTo(Tokens.of(List.of("ab")));
        assertThat(Tokens.of(new double[] {1, 2})).isNotEqualTo(Tokens.of(new double[] {2, 1}));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Tokens.of(new Object()))
                .isInstanceOf(Tokens.NotTokenizable.class).hasMessageContaining("no stable token for a java.lang.Object");
        // a pinned value: the encoding must not change silently between versions (names would stop matching)
        assertThat(Tokens.of("ones", 3L, new long[][] {{1, 2}})).isEqualTo(PINNED);
    }
}
