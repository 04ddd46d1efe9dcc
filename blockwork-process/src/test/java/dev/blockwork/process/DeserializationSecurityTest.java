package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.process.serial.ClassAllowList;
import dev.blockwork.process.serial.ClassNotAllowedException;
import dev.blockwork.process.serial.JavaSerializer;
import dev.blockwork.process.serial.KryoSerializer;
import dev.blockwork.spi.Serializer;
import java.net.URI;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * JDK classes whose deserialization has side effects are refused everywhere data crosses JVMs (the URLDNS
 * pattern: a {@code HashMap<URL, ?>} makes its reader resolve a host name the sender chose), whatever the
 * allow-list says, and the error never suggests allowing them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeserializationSecurityTest {
    @AfterAll
    static void noLeaks() throws InterruptedException { Leaks.assertClean(); }

    static HashMap<Object, String> urlProbe() throws Exception {
        HashMap<Object, String> m = new HashMap<>();
        m.put(URI.create("http://blockwork-probe.invalid/").toURL(), "probe");
        return m;
    }

    @Test
    void bothSerializersRefuseAUrlKeyedMapEvenWhenAllowedExplicitly() throws Exception {
        ClassAllowList.allow("java.net.URL"); // must change nothing
        for (Serializer s : List.<Serializer>of(new KryoSerializer(), new JavaSerializer())) {
            byte[] bytes = s.serialize(urlProbe()).copy();
            assertThatThrownBy(() -> s.deserialize(bytes))
                    .as(s.name())
                    .hasMessageContaining("java.net.URL")
                    .hasMessageContaining("refused")
                    .hasMessageNotContaining("ClassAllowList.allow")
                    .satisfies(e -> assertThat(e instanceof ClassNotAllowedException || e.getCause() instanceof ClassNotAllowedException
                            || e.getMessage().contains("is refused")).isTrue());
        }
        assertThat(ClassAllowList.allows("java.net.URI")).isTrue();
        assertThat(ClassAllowList.allows("java.util.HashMap")).isTrue();
        for (String denied : List.of("java.net.URL", "java.net.InetAddress", "[Ljava.net.Inet4Address;", "java.rmi.MarshalledObject",
                "java.beans.EventHandler", "java.lang.reflect.Proxy", "java.security.SignedObject")) {
            assertThat(ClassAllowList.allows(denied)).as(denied).isFalse();
        }
    }

    @Test
    void aPoolResultAndAQueueMessageHoldingAUrlAreRefusedWithoutHarmingThePool() throws Exception {
        try (ProcessPool pool = ProcessPool.create(new PoolOptions().processes(1).output(WorkerProcess.Output.CAPTURE))) {
            assertThatThrownBy(() -> pool.apply(DeserializationSecurityTest::urlProbe))
                    .hasMessageContaining("could not be read").hasMessageContaining("java.net.URL");
            assertThat(pool.apply(() -> "still serving")).isEqualTo("still serving");
        }
        try (ProcessQueue<Object> q = ProcessQueue.create()) {
            q.put(urlProbe());
            assertThatThrownBy(() -> q.poll(10, TimeUnit.SECONDS)).hasMessageContaining("java.net.URL").hasMessageContaining("refused");
        }
    }
}
