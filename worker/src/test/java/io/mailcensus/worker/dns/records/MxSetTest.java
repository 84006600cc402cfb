package io.mailcensus.worker.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MxSetTest {

    private static MxSet.Entry mx(int preference, String host) {
        return new MxSet.Entry(preference, host);
    }

    @Test
    void sortedByPreferenceThenHost() {
        MxSet set = MxSet.of(List.of(mx(20, "b.example.ch"), mx(10, "z.example.ch"), mx(20, "a.example.ch"), mx(5, "m.example.ch")));
        assertThat(set.records()).containsExactly(mx(5, "m.example.ch"), mx(10, "z.example.ch"), mx(20, "a.example.ch"), mx(20, "b.example.ch"));
    }

    @Test
    void duplicatesAreRemoved() {
        MxSet set = MxSet.of(List.of(mx(10, "mx.example.ch"), mx(10, "mx.example.ch"), mx(20, "mx.example.ch")));
        assertThat(set.records()).containsExactly(mx(10, "mx.example.ch"), mx(20, "mx.example.ch"));
        assertThat(set.hosts()).containsExactly("mx.example.ch");
    }

    @Test
    void hostsInPreferenceOrderWithoutTheRoot() {
        MxSet set = MxSet.of(List.of(mx(20, "b.example.ch"), mx(0, "."), mx(10, "a.example.ch")));
        assertThat(set.hosts()).containsExactly("a.example.ch", "b.example.ch");
    }

    @Test
    void nullMxIsExactlyOneRecordZeroDot() {
        assertThat(MxSet.of(List.of(mx(0, "."))).nullMx()).isTrue();
        assertThat(MxSet.of(List.of(mx(0, "."), mx(0, "."))).nullMx()).as("duplicates collapse first").isTrue();
        assertThat(MxSet.of(List.of(mx(10, "."))).nullMx()).as("preference must be 0").isFalse();
        assertThat(MxSet.of(List.of(mx(0, "."), mx(10, "mx.example.ch"))).nullMx()).as("not alone").isFalse();
        assertThat(MxSet.of(List.of(mx(0, "mx.example.ch"))).nullMx()).isFalse();
        assertThat(MxSet.of(List.of()).nullMx()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost.example.ch", "LOCALHOST.example.ch", "LocalHost"})
    void localhostByName(String host) {
        assertThat(MxSet.isLocalhostName(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mylocalhost.example.ch", "localhost-mx.example.ch", "mx.localhost.example.ch", "local.example.ch", "."})
    void notLocalhostByName(String host) {
        assertThat(MxSet.isLocalhostName(host)).isFalse();
    }

    @Test
    void loopbackMeansOnly127001AndColonColon1() {
        assertThat(MxSet.onlyLoopback(List.of("127.0.0.1"), List.of())).isTrue();
        assertThat(MxSet.onlyLoopback(List.of(), List.of("::1"))).isTrue();
        assertThat(MxSet.onlyLoopback(List.of("127.0.0.1"), List.of("::1"))).isTrue();
        assertThat(MxSet.onlyLoopback(List.of("127.0.0.2"), List.of())).as("other 127.x are real in simulations").isFalse();
        assertThat(MxSet.onlyLoopback(List.of("127.0.10.1"), List.of())).isFalse();
        assertThat(MxSet.onlyLoopback(List.of("127.0.0.1", "192.0.2.1"), List.of())).isFalse();
        assertThat(MxSet.onlyLoopback(List.of("127.0.0.1"), List.of("2001:db8::1"))).isFalse();
        assertThat(MxSet.onlyLoopback(List.of(), List.of())).as("no address is not loopback").isFalse();
    }
}
