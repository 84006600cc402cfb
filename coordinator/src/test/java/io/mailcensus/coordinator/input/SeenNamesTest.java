package io.mailcensus.coordinator.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenNamesTest {

    @Test
    void remembersEveryNameAcrossGrowth() {
        SeenNames seen = new SeenNames();
        for (int i = 0; i < 300_000; i++) {
            assertThat(seen.add("d" + i + ".ch")).isTrue();
        }
        for (int i = 0; i < 300_000; i += 997) {
            assertThat(seen.add("d" + i + ".ch")).isFalse();
        }
        assertThat(seen.size()).isEqualTo(300_000);
    }

    @Test
    void fingerprintSeparatesNamesAndNeverTakesTheEmptySlot() {
        // 0 marks an empty slot in the table, so no name may map to it
        assertThat(SeenNames.fingerprint("example.ch")).isEqualTo(SeenNames.fingerprint("example.ch"));
        assertThat(SeenNames.fingerprint("example.ch")).isNotEqualTo(SeenNames.fingerprint("example.li"));
        assertThat(SeenNames.fingerprint("")).isNotZero();
    }
}
