package io.mailcensus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.store.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same path against a real ClickHouse server, where Docker runs (users' CI); skipped on
 * machines without a Docker engine, such as this project's own.
 */
@Testcontainers(disabledWithoutDocker = true)
class ClickHouseServerContainerIT {

    private static final String USER = "mailcensus";
    private static final String PASSWORD = "mailcensus-test";

    @Container
    private static final GenericContainer<?> CLICKHOUSE = new GenericContainer<>("clickhouse/clickhouse-server:25.8")
            .withEnv("CLICKHOUSE_USER", USER)
            .withEnv("CLICKHOUSE_PASSWORD", PASSWORD)
            .withEnv("CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT", "1")
            .withExposedPorts(8123)
            .waitingFor(Wait.forHttp("/ping").forPort(8123).withStartupTimeout(Duration.ofMinutes(2)));

    @Test
    void resultsInsertedTwiceCountOnceOnARealServer() {
        Properties credentials = new Properties();
        credentials.setProperty("user", USER);
        credentials.setProperty("password", PASSWORD);
        String url = "jdbc:clickhouse:http://" + CLICKHOUSE.getHost() + ":" + CLICKHOUSE.getMappedPort(8123) + "/default";
        try (ClickHouseJdbcStore store = ClickHouseJdbcStore.connect(url, credentials)) {
            store.migrate();
            store.migrate();
            List<DomainResult> rows = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                rows.add(Fixtures.everyKindOfField("scan-server", "d" + i + ".example.org"));
            }
            store.insertDomainResults(rows);
            store.insertDomainResults(rows);

            assertThat(store.query("SELECT count() FROM domain_results FINAL WHERE scan_id = 'scan-server'",
                    "TabSeparated").strip()).isEqualTo("3000");
            assertThat(store.query("SELECT count() AS n FROM domain_results FINAL", "JSONEachRow"))
                    .contains("3000");
        }
    }
}
