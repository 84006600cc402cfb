package io.mailcensus.kafka.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void namesCarryThePrefix() {
        Topics t = new Topics("test-7.");
        assertThat(t.all()).containsExactly("test-7.scan-tasks", "test-7.mx-probe-tasks", "test-7.web-probe-tasks",
                "test-7.domain-results", "test-7.mail-server-results");
        assertThat(t.results()).containsExactly("test-7.domain-results", "test-7.mail-server-results");
    }

    @Test
    void defaultPrefixIsMailcensus() {
        assertThat(Topics.DEFAULT.scanTasks()).isEqualTo("mailcensus.scan-tasks");
        assertThat(new Topics("").mxProbeTasks()).isEqualTo("mx-probe-tasks");
    }

    @Test
    void prefixWithCharactersKafkaRefusesIsRejected() {
        assertThatThrownBy(() -> new Topics("my topics/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("my topics/");
    }
}
