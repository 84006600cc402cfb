package io.mailcensus.launcher;

import io.mailcensus.kafka.broker.EmbeddedKafka;
import io.mailcensus.kafka.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A single-node Kafka broker in its own process, for trying the distributed roles as separate
 * processes on one machine (bench/continuous-rounds): the broker local-cluster starts in-process,
 * on 127.0.0.1 only, with the mailcensus topics created. Its data lives in a temporary directory
 * that is deleted when it stops (SIGTERM or Ctrl-C); not for production.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a single-node Kafka broker on 127.0.0.1 (KRaft, a new temporary log directory) with the "
                + "mailcensus topics, until stopped; prints 'bootstrap 127.0.0.1:PORT'. For trials on one machine only.")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "12",
            description = "partitions of each topic (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "mailcensus.",
            description = "topic names start with this (default: ${DEFAULT-VALUE})")
    String prefix;

    @Option(names = "--bootstrap-file", paramLabel = "FILE",
            description = "also write the bootstrap address to FILE once the broker accepts clients")
    Path bootstrapFile;

    @Override
    public Integer call() throws Exception {
        if (partitions < 1) {
            throw new UserException("--partitions must be at least 1");
        }
        EmbeddedKafka broker = EmbeddedKafka.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-stop"));
        Map<String, Integer> topics = new LinkedHashMap<>();
        new Topics(prefix).all().forEach(t -> topics.put(t, partitions));
        broker.createTopics(topics);
        System.out.println("bootstrap " + broker.bootstrapServers());
        System.out.printf("topics %s, %d partitions each; started in %d ms%n", topics.keySet(), partitions,
                broker.startup().toMillis());
        if (bootstrapFile != null) {
            Files.writeString(bootstrapFile, broker.bootstrapServers() + "\n");
        }
        stopped.await();
        return 0;
    }
}
