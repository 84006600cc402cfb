package io.mailcensus.kafka.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {

    @Test
    void producerIsDurableByDefault() {
        var p = KafkaSettings.of("127.0.0.1:9092").producer("c");
        assertThat(p).containsEntry("bootstrap.servers", "127.0.0.1:9092").containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true");
    }

    @Test
    void consumerCommitsByHandWhateverTheFileSays(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kafka.properties");
        Files.writeString(file, """
                security.protocol=SSL
                enable.auto.commit=true
                value.deserializer=org.example.Whatever
                max.poll.records=50
                """);
        var c = KafkaSettings.of("b:9093").withConfigFile(file).consumer("g", "c");
        assertThat(c).containsEntry("security.protocol", "SSL").containsEntry("max.poll.records", "50")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("value.deserializer", ByteArrayDeserializer.class.getName())
                .containsEntry("group.id", "g").containsEntry("group.protocol", "consumer")
                .doesNotContainKey("partition.assignment.strategy");
    }

    @Test
    void classicProtocolGetsTheCooperativeAssignor() {
        var c = KafkaSettings.of("b:9092").with("group.protocol", "classic").consumer("g", "c");
        assertThat(c).containsEntry("partition.assignment.strategy", CooperativeStickyAssignor.class.getName());
    }

    @Test
    void producerAlwaysMovesBytes() {
        var p = KafkaSettings.of("b:9092").with("key.serializer", "x.Y").producer("c");
        assertThat(p).containsEntry("key.serializer", ByteArraySerializer.class.getName());
    }

    @Test
    void adminGetsOnlyAdminSettings() {
        var a = KafkaSettings.of("b:9092").with("security.protocol", "SSL").with("max.poll.records", "5").admin("a");
        assertThat(a).containsEntry("security.protocol", "SSL").containsEntry("bootstrap.servers", "b:9092")
                .doesNotContainKey("max.poll.records");
    }

    @Test
    void bootstrapIsRequired() {
        assertThatThrownBy(() -> KafkaSettings.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
