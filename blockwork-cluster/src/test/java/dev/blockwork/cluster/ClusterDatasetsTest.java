package dev.blockwork.cluster;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.array.DArray;
import dev.blockwork.delayed.Delayed;
import dev.blockwork.futures.Client;
import dev.blockwork.futures.TaskFuture;
import dev.blockwork.schedule.ComputeInfo;
import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.schedule.SchedulerListener;
import dev.blockwork.schedule.TaskEvent;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Named datasets across clients (Dask's publish/get/list/unpublish_dataset): a second connection publishes arrays,
 * values and futures and disconnects; the first reads what it published, computed where the blocks are, and can
 * unpublish it.
 */
@Timeout(300)
class ClusterDatasetsTest extends TwoWorkerClusterTest {
    static ComputeOptions on(Cluster c) { return ComputeOptions.defaults().withScheduler(c.scheduler()).withProgress(false); }

    static Cluster anotherClient() { return Cluster.connect(local.name(), local.addresses()); }


    static DArray twos() { return DArray.ones(shape(1000, 1000), chunks(250, 250)).mapBlocks((b, info) -> b.add(b)); }

    @Test
    void anArrayPublishedByAClientThatLeftIsReadByAnotherWithoutComputingItAgain() {
        String name = "twos-" + System.nanoTime();
        try (Cluster publisher = anotherClient()) {
            publisher.publish(name, twos());
            assertThat(publisher.datasets()).contains(name);
            assertThatThrownBy(() -> publisher.publish(name, DArray.zeros(shape(4), chunks(2))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already exists").hasMessageContaining(name);
        } // the publisher disconnects: its own results are dropped, the dataset's stay
        Cluster reader = local.cluster();
        assertThat(reader.datasets()).contains(name);
        DArray x = reader.dataset(name, DArray.class);
        assertThat(x.shape().toString()).isEqualTo("(1000, 1000)");
        Set<String> labels = ConcurrentHashMap.newKeySet();
        SchedulerListener l = new SchedulerListener() {
            @Override public boolean wantsTaskEvents() { return true; }
            @Override public void onTaskFinish(ComputeInfo c, TaskEvent e) { labels.add(e.label()); }
        };
        assertThat(x.sum().compute(on(reader).withListener(l)).item()).isEqualTo(2.0 * 1000 * 1000);
        Set<String> lazy = ConcurrentHashMap.newKeySet(); // the same array made from scratch runs other tasks
        SchedulerListener l2 = new SchedulerListener() {
            @Override public boolean wantsTaskEvents() { return true; }
            @Override public void onTaskFinish(ComputeInfo c, TaskEvent e) { lazy.add(e.label()); }
        };
        assertThat(twos().sum().compute(on(reader).withListener(l2)).item()).isEqualTo(2.0 * 1000 * 1000);
        assertThat(labels).as("the blocks were read, not made again (tasks made from scratch: %s)", lazy).isNotEqualTo(lazy);
        assertThat(x.get(dev.blockwork.ndarray.Index.at(999), dev.blockwork.ndarray.Index.at(0)).compute(on(reader)).item()).isEqualTo(2.0);
        // a reader may publish what it read, here with an array of its own: the blocks stay where they are, and the
        // two stores' results (whose ids both count from 1) do not mix
        String again = name + "-again";
        DArray fives = DArray.ones(shape(1000, 1000), chunks(250, 250)).mapBlocks((b, info) -> b.add(b).add(b).add(b).add(b)).persist(on(reader));
        reader.publish(again, List.of(x, fives));
        assertThat(reader.unpublish(name)).isTrue();
        @SuppressWarnings("unchecked")
        List<DArray> both = reader.dataset(again, List.class);
        assertThat(both.get(0).sum().compute(on(reader)).item()).isEqualTo(2.0 * 1000 * 1000);
        assertThat(both.get(1).sum().compute(on(reader)).item()).isEqualTo(5.0 * 1000 * 1000);
        assertThat(reader.unpublish(again)).isTrue();
        assertThat(reader.unpublish(name)).isFalse();
        assertThatThrownBy(() -> reader.dataset(name, DArray.class))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("no dataset named '" + name + "'");
    }

    @Test
    void aDelayedAndAPlainValueArePublishedToo() {
        String big = "big-" + System.nanoTime(), text = "text-" + System.nanoTime();
        try (Cluster publisher = anotherClient()) {
            publisher.publish(big, Delayed.of(LongRange::of, 200_000)); // 1.6 MB: held on a worker
            publisher.publish(text, "hello");
        }
        Cluster reader = local.cluster();
        @SuppressWarnings("unchecked")
        Delayed<long[]> v = reader.dataset(big, Delayed.class);
        assertThat(Delayed.of(LongRange::total, v).compute(on(reader))).isEqualTo(199_999L * 200_000 / 2);
        assertThat(reader.dataset(text, String.class)).isEqualTo("hello");
        assertThatThrownBy(() -> reader.dataset(text, DArray.class))
                .isInstanceOf(ClassCastException.class).hasMessageContaining("is a java.lang.String, not a dev.blockwork.array.DArray");
        assertThat(reader.datasets()).containsAll(List.of(big, text));
        assertThat(reader.unpublish(big)).isTrue();
        assertThat(reader.unpublish(text)).isTrue();
        assertThat(reader.datasets()).doesNotContain(big, text);
    }

    @Test
    void aListOfFuturesIsPublishedAndReadBackAsFinishedFutures() {
        String name = "futures-" + System.nanoTime();
        try (Cluster publisher = anotherClient(); Client client = publisher.client()) {
            List<TaskFuture<long[]>> fs = client.map(LongRange::of, List.of(100_000, 200_000)); // held on workers
            publisher.publish(name, fs);
        }
        Cluster reader = local.cluster();
        @SuppressWarnings("unchecked")
        List<TaskFuture<long[]>> got = reader.dataset(name, List.class);
        assertThat(got).hasSize(2);
        assertThat(got.get(0).status()).isEqualTo("finished");
        assertThat(LongRange.total(got.get(1).result())).isEqualTo(199_999L * 200_000 / 2);
        try (Client client = reader.client()) { // a published future as another client's task input: read where it is
            assertThat(client.submit(LongRange::total, got.get(0)).result()).isEqualTo(99_999L * 100_000 / 2);
        }
        assertThat(reader.unpublish(name)).isTrue();
    }
}
