package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.process.serial.JavaSerializer;
import dev.blockwork.process.serial.Serialization;
import dev.blockwork.spi.Serializer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A serializer registered through the core SPI ({@code META-INF/services/dev.blockwork.spi.Serializer} in this
 * module's test resources) is chosen by name, in this JVM and in the worker JVMs, which find it by the same name.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RegisteredSerializerTest {
    @AfterAll
    static void noLeaks() throws InterruptedException { Leaks.assertClean(); }

    /** Java serialization behind a one-byte tag, so that bytes from any other serializer are refused. */
    public static final class Tagged implements Serializer {
        private final JavaSerializer java = new JavaSerializer();

        @Override
        public Bytes serialize(Object value) {
            Bytes b = java.serialize(value);
            byte[] out = new byte[b.length() + 1];
            out[0] = 'T';
            System.arraycopy(b.array(), 0, out, 1, b.length());
            return new Bytes(out, out.length);
        }

        @Override
        public Object deserialize(byte[] bytes, int offset, int length) {
            if (length < 1 || bytes[offset] != 'T') throw new IllegalStateException("not written by the tagged serializer");
            return java.deserialize(bytes, offset + 1, length - 1);
        }

        @Override public String name() { return "tagged"; }
    }

    static String serializerHere(int ignored) { return Serialization.get().name(); }

    @Test
    void aRegisteredSerializerIsChosenByNameHereAndInWorkers() {
        assertThat(Serialization.byName("tagged")).isInstanceOf(Tagged.class);
        Serializer before = Serialization.get();
        Serialization.set(Serialization.byName("tagged"));
        try (ProcessPool pool = ProcessPool.create(1)) {
            assertThat(pool.map(RegisteredSerializerTest::serializerHere, List.of(1, 2))).containsExactly("tagged", "tagged");
        } finally {
            Serialization.set(before);
        }
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> Serialization.byName("protobuf"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got serializer 'protobuf', expected one of [kryo, java, tagged]");
    }
}
