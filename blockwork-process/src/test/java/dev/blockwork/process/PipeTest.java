package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pipes between this JVM and real worker JVMs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipeTest {
    @AfterAll
    static void noLeaks() throws InterruptedException { Leaks.assertClean(); }

    /** Worker: echo objects back with a suffix until "stop"; raw byte[] come back reversed. */
    static void echo(Connection c) {
        while (true) {
            Object o = c.receive();
            if ("stop".equals(o)) break;
            if (o instanceof byte[] b) {
                byte[] r = new byte[b.length];
                for (int i = 0; i < b.length; i++) r[i] = b[b.length - 1 - i];
                c.sendBytes(r);
            } else {
                c.send(o + "!");
            }
        }
        c.close();
    }

    @Test
    void echoesObjectsRawBytesAndLargeMessagesAcrossJvms() throws Exception {
        try (Pipe pipe = Pipe.open(64, 128); WorkerProcess w = WorkerProcess.start(PipeTest::echo, pipe.second())) {
            Connection c = pipe.first();
            c.send("hello");
            assertThat((String) c.receive()).isEqualTo("hello!");
            for (int i = 0; i < 1000; i++) { // a 64-slot ring: keep at most 16 in flight, or both sides block
                c.send(i);
                if (i >= 16) assertThat((String) c.receive()).isEqualTo((i - 16) + "!");
            }
            for (int i = 1000 - 16; i < 1000; i++) assertThat((String) c.receive()).isEqualTo(i + "!");
            c.sendBytes(new byte[] {1, 2, 3});
            assertThat(c.receiveBytes()).containsExactly(3, 2, 1);
            byte[] big = new byte[6000]; // spans many 128-byte slots in a 64-slot ring
            for (int i = 0; i < big.length; i++) big[i] = (byte) i;
            c.sendBytes(big);
            byte[] back = c.receiveBytes();
            assertThat(back).hasSize(big.length);
            assertThat(back[0]).isEqualTo(big[big.length - 1]);
            c.send("stop");
            assertThat(w.join(30, TimeUnit.SECONDS)).isTrue();
            assertThat(w.exitCode()).hasValue(0);
            pipe.second().close();
            assertThatThrownBy(c::receive).isInstanceOf(ChannelClosedException.class);
        }
    }

    @Test
    void messageLargerThanTheRingIsRejectedAtSend() {
        try (Pipe pipe = Pipe.open(2, 64)) {
            assertThatThrownBy(() -> pipe.first().sendBytes(new byte[1000]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ring capacity");
        }
    }

    @Test
    void pollTimesOutWithNull() {
        try (Pipe pipe = Pipe.open()) {
            Object none = pipe.first().poll(20, TimeUnit.MILLISECONDS);
            assertThat(none).isNull();
        }
    }

    static void sleepForever(Connection c) throws InterruptedException {
        c.send("ready");
        Thread.sleep(600_000);
    }

    @Test
    void receiveEndsWithPeerDiedWhenTheWorkerIsKilled() throws Exception {
        try (Pipe pipe = Pipe.open(); WorkerProcess w = WorkerProcess.start(PipeTest::sleepForever, pipe.second())) {
            assertThat((String) pipe.first().receive()).isEqualTo("ready");
            pipe.second().close(); // only once the worker holds its own handle (see Connection)
            w.kill();
            assertThatThrownBy(() -> pipe.first().receive())
                    .isInstanceOf(PeerDiedException.class).hasMessageContaining("pid " + w.pid());
        }
    }
}
