package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Sorting} against scalar references: NaN last, stability, every real dtype, loop-tail lengths. */
class SortingTest {
    @Test
    void sortPutsNanLastAndArgsortIsStable() {
        NDArray a = NDArray.of(3, Double.NaN, -1, 3, 0.0, -0.0, 2);
        assertThat(a.sort(0).toDoubleArray()).containsExactly(-1, -0.0, 0.0, 2, 3, 3, Double.NaN);
        assertThat(a.argsort(0).toLongArray()).containsExactly(2, 4, 5, 6, 0, 3, 1); // 0.0 then -0.0: equal, by position
        assertThat(Sorting.topkPositions(a, 3, 0).toLongArray()).containsExactly(1, 0, 3); // NaN is the largest
        assertThat(Sorting.topkPositions(a, -2, 0).toLongArray()).containsExactly(2, 4);
        NDArray[] uc = Sorting.uniqueCounts(NDArray.of(2, Double.NaN, 2, -0.0, 0.0, Double.NaN));
        assertThat(uc[0].toDoubleArray()).containsExactly(-0.0, 2, Double.NaN);
        assertThat(uc[1].toLongArray()).containsExactly(2, 2, 2);
    }

    @Test
    void everyDtypeAndTailLengthAgainstAScalarReference() {
        long seed = 31337L;
        SplittableRandom r = new SplittableRandom(seed);
        for (DType t : Cases.DTYPES) {
            for (long n : Cases.TAIL_SIZES) {
                NDArray a = Cases.values(r, t, 3, n);
                for (int axis : new int[] {0, 1}) {
                    NDArray s = a.sort(axis), p = a.argsort(axis);
                    NDArray taken = Sorting.takeAlongAxis(a, p, axis);
                    // values equal (-0.0 and 0.0 are the same value to sort, so compare numerically)
                    assertThat(taken.allClose(s, 0, 0, true)).as("seed %d %s n %d axis %d", seed, t, n, axis).isTrue();
                    long lanes = a.size() / a.shape(axis);
                    for (long l = 0; l < lanes; l++) {
                        NDArray lane = axis == 0 ? s.index(1, l) : s.index(0, l);
                        NDArray pl = axis == 0 ? p.index(1, l) : p.index(0, l);
                        for (long i = 1; i < lane.size(); i++) {
                            double x = lane.getDoubleFlat(i - 1), y = lane.getDoubleFlat(i);
                            boolean ordered = Double.isNaN(y) || x <= y || (t.isInteger() && lane.getLongFlat(i - 1) <= lane.getLongFlat(i));
                            assertThat(ordered).as("seed %d %s n %d axis %d lane %d at %d: %s then %s", seed, t, n, axis, l, i, x, y).isTrue();
                            boolean tie = t.isInteger() ? lane.getLongFlat(i - 1) == lane.getLongFlat(i) : x == y || (Double.isNaN(x) && Double.isNaN(y));
                            if (tie) assertThat(pl.getLongFlat(i - 1)).as("stable tie, seed %d", seed).isLessThan(pl.getLongFlat(i));
                        }
                    }
                }
            }
        }
    }

    @Test
    void refusesComplexAndBadAxes() {
        NDArray z = NDArray.fromComplex(new double[] {1, 2, 3, 4});
        assertThatThrownBy(() -> z.sort(0)).hasMessageContaining("complex128");
        assertThatThrownBy(() -> NDArray.of(1, 2).argsort(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Sorting.topkPositions(NDArray.of(1, 2), 0, 0)).hasMessageContaining("k != 0");
    }
}
