package io.mailcensus.launcher;

import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.topic.Topics;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a role reaches Kafka: bootstrap servers, client properties (TLS, SASL) and the topic prefix. */
final class KafkaOptions {

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", required = true,
            description = "Kafka bootstrap servers, e.g. kafka1:9092,kafka2:9092")
    String bootstrap;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "a Kafka client properties file (security.protocol, sasl.*, ssl.*)")
    Path config;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "mailcensus.",
            description = "topic names start with this (default: ${DEFAULT-VALUE})")
    String prefix;

    KafkaSettings settings() {
        try {
            KafkaSettings s = KafkaSettings.of(bootstrap).withTopics(new Topics(prefix));
            return config == null ? s : s.withConfigFile(config);
        } catch (IOException e) {
            throw new UserException("cannot read --kafka-config " + config + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }
}
