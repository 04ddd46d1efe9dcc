package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.process.serial.ClassNotAllowedException;
import dev.blockwork.process.serial.JavaSerializer;
import dev.blockwork.process.serial.KryoSerializer;
import dev.blockwork.spi.Serializer;
import dev.blockwork.process.serial.UnserializableException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Both serializers: round trips, lambdas, the Serializable check and the allow-list. */
class SerializationTest {
    record Point(int x, double y, String name, int[] tags) implements Serializable {}

    interface SFn extends Function<Integer, Integer>, Serializable {}

    static final Serializer KRYO = new KryoSerializer(), JAVA = new JavaSerializer();

    @Test
    void roundTripsCommonValuesWithBothSerializers() {
        Map<String, Object> m = new HashMap<>();
        m.put("list", new ArrayList<>(List.of(1, 2L, "three")));
        m.put("immutable", List.of(1, 2));
        m.put("unmodifiable", Collections.unmodifiableList(new ArrayList<>(List.of(5))));
        m.put("point", new Point(1, 2.5, "p", new int[] {7}));
        for (Serializer s : List.of(KRYO, JAVA)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> back = (Map<String, Object>) s.deserialize(s.serialize(m).copy());
            assertThat(back.get("list")).isEqualTo(List.of(1, 2L, "three"));
            assertThat(back.get("immutable")).isEqualTo(List.of(1, 2));
            assertThat(back.get("unmodifiable")).isEqualTo(List.of(5));
            assertThat(((Point) back.get("point")).tags()).containsExactly(7);
        }
        assertThat(KRYO.deserialize(KRYO.serialize(Optional.of("x")).copy())).isEqualTo(Optional.of("x"));
    }

    @Test
    void lambdasWithCapturedValuesTravel() {
        int k = 5;
        SFn f = x -> x + k;
        for (Serializer s : List.of(KRYO, JAVA)) {
            SFn back = (SFn) s.deserialize(s.serialize(f).copy());
            assertThat(back.apply(1)).isEqualTo(6);
        }
    }

    @Test
    void capturedUnserializableValueIsNamed() {
        Thread t = Thread.currentThread();
        SFn f = x -> x + t.getName().length();
        assertThatThrownBy(() -> KRYO.serialize(f)).isInstanceOf(UnserializableException.class)
                .hasMessageContaining(t.getClass().getName());
    }

    static final class NotAllowed implements Serializable {}

    /** Serializes {@code List.of(new Outside(1))} in another JVM (this one would trust what it sent itself). */
    static byte[] outsideFromAnotherJvm(String serializer) throws Exception {
        java.nio.file.Path out = java.nio.file.Files.createTempFile("blockwork-outside", ".bin");
        try {
            String path = out.toString();
            WorkerProcess w = WorkerProcess.builder().name("outside-writer").start(() -> {
                Serializer s = serializer.equals("kryo") ? new KryoSerializer() : new JavaSerializer();
                java.nio.file.Files.write(java.nio.file.Path.of(path), s.serialize(List.of(new blockworktest.Outside(1))).copy());
            });
            assertThat(w.join()).isZero();
            return java.nio.file.Files.readAllBytes(out);
        } finally {
            java.nio.file.Files.deleteIfExists(out);
        }
    }

    @Test
    void classesOutsideTheAllowListAreRejectedOnRead() throws Exception {
        for (Serializer s : List.of(KRYO, JAVA)) {
            byte[] b = outsideFromAnotherJvm(s.name());
            assertThatThrownBy(() -> s.deserialize(b)).as(s.name()).isInstanceOf(ClassNotAllowedException.class)
                    .hasMessageContaining("blockworktest.Outside").hasMessageContaining("never sent it");
        }
        dev.blockwork.process.serial.ClassAllowList.allow(blockworktest.Outside.class);
        assertThat(KRYO.deserialize(KRYO.serialize(new blockworktest.Outside(2)).copy())).isEqualTo(new blockworktest.Outside(2));
    }

    /** Keys travel compactly (label and two longs for a token or unique name) and come back equal, in any mix. */
    @Test
    void keysRoundTripCompactlyAndEqual() {
        List<dev.blockwork.graph.Key> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) keys.add(dev.blockwork.graph.Key.of(dev.blockwork.graph.Tokens.uniqueName("add")));
        keys.add(dev.blockwork.graph.Key.of("ones-" + dev.blockwork.graph.Tokens.of("ones", 3L), 0, 7));
        keys.add(dev.blockwork.graph.Key.of("plain", 1, 2, 3));
        keys.add(dev.blockwork.graph.Key.of("x-" + "ABCDEF0123456789ABCDEF0123456789")); // upper-case: written as it is
        keys.add(dev.blockwork.graph.Key.of("-" + "0123456789abcdef0123456789abcdef")); // no label
        keys.add(dev.blockwork.graph.Key.of("short-abc"));
        keys.add(dev.blockwork.graph.Key.of(dev.blockwork.graph.Tokens.uniqueName("inc")));
        Object[] batch = keys.toArray();
        List<Object> back = java.util.Arrays.asList((Object[]) KRYO.deserialize(KRYO.serialize(batch).copy()));
        assertThat(back).isEqualTo(keys);
        int names = 0;
        for (dev.blockwork.graph.Key k : keys) names += k.name().length();
        assertThat(KRYO.serialize(batch).length()).as("smaller than the names alone").isLessThan(names / 2);
        // each key alone, too (no earlier key in the message to share a salt with)
        for (dev.blockwork.graph.Key k : keys) assertThat(KRYO.deserialize(KRYO.serialize(k).copy())).isEqualTo(k);
    }
}
