package io.mailcensus.launcher;

import io.mailcensus.aggregator.StoreWriter;
import io.mailcensus.core.port.ResultStore;
import io.mailcensus.kafka.result.KafkaResultConsumer;
import io.mailcensus.store.ChdbStore;
import io.mailcensus.store.jdbc.ClickHouseJdbcStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "aggregator", mixinStandardHelpOptions = true,
        description = "Write results from Kafka into ClickHouse (a server over JDBC, or the embedded store). "
                + "Offsets are committed only for what the store holds; the store deduplicates re-deliveries.")
final class AggregatorCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    MetricsOptions metricsOptions;

    @Option(names = "--clickhouse", paramLabel = "JDBC_URL",
            description = "e.g. jdbc:clickhouse:http://clickhouse:8123/default; credentials from MAILCENSUS_CLICKHOUSE_USER "
                    + "and MAILCENSUS_CLICKHOUSE_PASSWORD(_FILE)")
    String clickhouse;

    @Option(names = "--data", paramLabel = "DIR", description = "the embedded store instead of a server")
    Path data;

    @Override
    public Integer call() throws Exception {
        if ((clickhouse == null) == (data == null)) {
            throw new UserException("give one store: --clickhouse JDBC_URL or --data DIR");
        }
        var metrics = metricsOptions.start();
        try (ResultStore store = clickhouse != null ? ClickHouseJdbcStore.connect(clickhouse) : ChdbStore.open(data)) {
            store.migrate();
            try (StoreWriter writer = new StoreWriter(store, ResultStore.BATCH_ROWS, Duration.ofSeconds(1), metrics);
                    KafkaResultConsumer consumer = new KafkaResultConsumer(kafka.settings(),
                            KafkaResultConsumer.Options.defaults(), writer, metrics)) {
                Runtime.getRuntime().addShutdownHook(new Thread(consumer::close, "aggregator-stop"));
                consumer.run();
                writer.flush();
                System.out.printf("aggregator stopped: %,d results read, %,d committed%n", consumer.consumed(),
                        consumer.committed());
            }
        }
        return 0;
    }
}
