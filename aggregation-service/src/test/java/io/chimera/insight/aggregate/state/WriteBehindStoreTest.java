package io.chimera.insight.aggregate.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * {@link WriteBehindStore} over the production in-memory store (metered, so every value it is given
 * is encoded by the serde, which counts): values put are read back as they were put and reach the
 * store beneath once, at the flush before a commit; scans see them, deletes included, without writing
 * them back; another thread and a store closed without a commit do not.
 */
class WriteBehindStoreTest {

    private final AtomicInteger encoded = new AtomicInteger();
    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final WriteBehindStore<List<String>> store = new WriteBehindStore<>(
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("entries"), Serdes.String(), counting())
                    .withLoggingDisabled().build());

    WriteBehindStoreTest() {
        store.init(context.getStateStoreContext(), store);
    }

    @Test
    void aValuePutIsReadBackAsPutAndReachesTheStoreBeneathOnceAtTheFlushBeforeACommit() {
        List<String> entry = new ArrayList<>(List.of("run 1"));
        store.put("a", entry);
        entry.add("run 2");
        store.put("a", entry);

        assertThat(store.get("a")).as("the object put, not a decoded copy").isSameAs(entry);
        assertThat(store.wrapped().get("a")).as("not in the store beneath yet").isNull();
        assertThat(encoded).hasValue(0);

        store.flushCache();
        assertThat(encoded).as("one encode for two puts").hasValue(1);
        assertThat(store.wrapped().get("a")).containsExactly("run 1", "run 2");
        assertThat(store.unwrittenCount()).isZero();

        store.flushCache();
        assertThat(encoded).as("nothing written again when nothing was put").hasValue(1);
    }

    @Test
    void scansSeeTheValuesNotYetWrittenBack() {
        store.put("m\u0000f1\u0000c1", List.of("one"));
        assertThat(keys(store.all())).containsExactly("m\u0000f1\u0000c1");
        store.put("m\u0000f1\u0000c2", List.of("two"));
        assertThat(keys(store.prefixScan("m\u0000", new StringSerializer())))
                .containsExactly("m\u0000f1\u0000c1", "m\u0000f1\u0000c2");
        store.put("n\u0000f1\u0000c1", List.of("other model"));
        assertThat(keys(store.range("m", "o"))).hasSize(3);
        store.put("o", List.of("last"));
        assertThat(keys(store.reverseAll())).startsWith("o");
        store.put("p", List.of("last"));
        assertThat(keys(store.reverseRange("o", "q"))).containsExactly("p", "o");
    }

    @Test
    void scansLayTheKeptPutsAndDeletesOverTheStoreAndWriteNothingBack() {
        store.put("m\u0000f1\u0000c1", List.of("committed 1"));
        store.put("m\u0000f1\u0000c2", List.of("committed 2"));
        store.put("n", List.of("committed 3"));
        store.flushCache();
        store.put("m\u0000f1\u0000c2", List.of("newer 2"));
        store.put("m\u0000f2\u0000c1", List.of("kept 4"));
        store.delete("m\u0000f1\u0000c1");

        assertThat(values(store.all())).containsExactly(List.of("newer 2"), List.of("kept 4"), List.of("committed 3"));
        assertThat(values(store.reverseAll())).containsExactly(List.of("committed 3"), List.of("kept 4"),
                List.of("newer 2"));
        assertThat(keys(store.prefixScan("m\u0000f1", new StringSerializer()))).containsExactly("m\u0000f1\u0000c2");
        assertThat(keys(store.range("m\u0000f1\u0000c1", "m\u0000f2\u0000c1")))
                .containsExactly("m\u0000f1\u0000c2", "m\u0000f2\u0000c1");
        assertThat(keys(store.reverseRange(null, "m\u0000f1\u0000c9"))).containsExactly("m\u0000f1\u0000c2");
        assertThat(encoded).as("nothing written back by a scan").hasValue(3);
        assertThat(store.unwrittenCount()).isEqualTo(3);
        assertThat(store.wrapped().get("m\u0000f1\u0000c1")).as("the delete not made beneath yet").isNotNull();

        store.flushCache();
        assertThat(values(store.wrapped().all())).as("once flushed, beneath as the scans showed it")
                .containsExactly(List.of("newer 2"), List.of("kept 4"), List.of("committed 3"));
    }

    @Test
    void aScanOrdersKeptKeysAsTheStoreOrdersTheirBytes() {
        String supplementary = "k\uD83D\uDE00"; // U+1F600: after U+FFFD in UTF-8, before it in UTF-16 units
        String lastOfTheBasicPlane = "k\uFFFD";
        store.put(supplementary, List.of("beneath"));
        store.flushCache();
        store.put(lastOfTheBasicPlane, List.of("kept"));

        assertThat(keys(store.all())).containsExactly(lastOfTheBasicPlane, supplementary);
        store.flushCache();
        assertThat(keys(store.wrapped().all())).containsExactly(lastOfTheBasicPlane, supplementary);
    }

    @Test
    void aDeleteRemovesTheValueKeptAndTheOneBeneath() {
        store.put("a", List.of("committed"));
        store.flushCache();
        store.put("a", List.of("newer"));

        assertThat(store.delete("a")).containsExactly("newer");
        assertThat(store.get("a")).as("deleted for the writer at once").isNull();
        assertThat(keys(store.all())).as("a scan shows the delete").isEmpty();
        store.flushCache();
        assertThat(store.get("a")).isNull();
        assertThat(store.wrapped().get("a")).isNull();
    }

    @Test
    void aDeleteReachesTheStoreBeneathAtTheFlushAndADeleteThenPutWithinACommitIsOneWrite() {
        store.put("a", List.of("committed"));
        store.put("b", List.of("committed"));
        store.flushCache();

        assertThat(store.delete("a")).containsExactly("committed");
        assertThat(store.wrapped().get("a")).as("not deleted beneath before the flush").containsExactly("committed");
        assertThat(store.delete("b")).containsExactly("committed");
        store.put("b", List.of("written again"));
        assertThat(store.delete("never")).isNull();
        assertThat(store.unwrittenCount()).as("nothing kept for a key the store beneath does not hold").isEqualTo(2);

        store.flushCache();
        assertThat(store.wrapped().get("a")).isNull();
        assertThat(store.wrapped().get("b")).containsExactly("written again");
        assertThat(encoded).as("two puts before, one after: the delete of b never went beneath").hasValue(3);
    }

    @Test
    void anotherThreadReadsTheStoreBeneathAlone() throws Exception {
        store.put("a", List.of("committed"));
        store.flushCache();
        List<String> newer = List.of("newer");
        store.put("a", newer);

        // Interactive queries run on threads of their own.
        List<String> queried = CompletableFuture.supplyAsync(() -> store.get("a")).get();
        List<String> scanned = CompletableFuture.supplyAsync(() -> values(store.all())).get().get(0);
        assertThat(queried).containsExactly("committed");
        assertThat(scanned).containsExactly("committed");
        assertThat(store.unwrittenCount()).as("a query writes nothing back").isEqualTo(1);
        assertThat(store.get("a")).isSameAs(newer);
    }

    @Test
    void aStoreClosedWithoutACommitKeepsOnlyWhatWasFlushed() {
        store.put("a", List.of("committed"));
        store.flushCache();
        store.put("a", List.of("after the commit"));
        store.put("b", List.of("after the commit"));

        // A dirty close (an aborted transaction): no flush; then the task is revived on the same store objects.
        // (An in-memory store forgets its contents at the close; the changelog restore brings back what was
        // committed, and only that, for nothing put after the commit ever went beneath.)
        store.close();
        store.init(context.getStateStoreContext(), store);

        assertThat(store.unwrittenCount()).isZero();
        assertThat(store.get("a")).as("not the value put after the commit").isNull();
        assertThat(store.get("b")).isNull();
        store.flushCache();
        assertThat(encoded).as("only the committed value was ever encoded").hasValue(1);
        assertThat(store.wrapped().get("b")).isNull();
    }

    private Serde<List<String>> counting() {
        Serializer<List<String>> encode = (topic, value) -> {
            if (value == null) {
                return null; // a delete, as the stores' codecs make it (StateCodec)
            }
            encoded.incrementAndGet();
            return String.join("\n", value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        };
        return Serdes.serdeFrom(encode, (topic, bytes) -> bytes == null ? null
                : List.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n")));
    }

    private static List<String> keys(KeyValueIterator<String, List<String>> entries) {
        List<String> keys = new ArrayList<>();
        try (entries) {
            entries.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private static List<List<String>> values(KeyValueIterator<String, List<String>> entries) {
        List<List<String>> values = new ArrayList<>();
        try (entries) {
            entries.forEachRemaining((KeyValue<String, List<String>> entry) -> values.add(entry.value));
        }
        return values;
    }
}
