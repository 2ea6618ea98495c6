package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LastConfigKeyTest {

    /**
     * Runs in series of a configuration, then another: equal ones (the same strings, or equal copies) reuse the
     * key before, and every key is {@link ConfigKeys#of}'s, whatever changed (a value, a key, an entry more or
     * less, the same entries in another order, empty configurations).
     */
    @Test
    void everyKeyIsTheTextOfItsConfigurationAndARepeatedOneReusesTheKeyBefore() {
        Random random = new Random(5);
        LastConfigKey last = new LastConfigKey();
        List<String> names = List.of("num_gpu", "num_ctx", "temperature", "quant", "batch");
        Map<String, String> before = Map.of();
        String keyBefore = null;
        int reused = 0;
        int changed = 0;
        for (int i = 0; i < 20_000; i++) {
            Map<String, String> config;
            int roll = random.nextInt(10);
            if (roll < 5 && keyBefore != null) {
                config = before; // the same map, or as the reader hands it: the same strings
            } else if (roll < 7 && keyBefore != null) {
                config = new HashMap<>();
                for (Map.Entry<String, String> entry : before.entrySet()) {
                    config.put(new String(entry.getKey()), new String(entry.getValue())); // equal copies
                }
            } else if (roll < 8) {
                // The same entries, possibly in another order.
                List<Map.Entry<String, String>> entries = new ArrayList<>(before.entrySet());
                Collections.shuffle(entries, random);
                config = new LinkedHashMap<>();
                entries.forEach(entry -> config.put(entry.getKey(), entry.getValue()));
            } else {
                config = new LinkedHashMap<>();
                int size = random.nextInt(4);
                for (int k = 0; k < size; k++) {
                    config.put(names.get(random.nextInt(names.size())), Integer.toString(random.nextInt(3)));
                }
            }
            String key = last.of(config);
            assertThat(key).as("run %d: %s", i, config).isEqualTo(ConfigKeys.of(config));
            if (roll < 5 && keyBefore != null) {
                assertThat(key).isSameAs(keyBefore);
                reused++;
            } else if (!config.equals(before)) {
                changed++;
            }
            before = config;
            keyBefore = key;
        }
        assertThat(reused).isGreaterThan(5_000);
        assertThat(changed).isGreaterThan(2_000);
    }
}
