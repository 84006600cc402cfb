package io.mailcensus.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The ClickHouse server's users as deploy/ ships them: a reader for Grafana that cannot write,
 * cannot lift its limits and has no grant that reaches files or the network, a writer for the
 * aggregator only, and the compose file giving each its user. (Not applied to a real server
 * here: no Docker engine on this project's machines.)
 */
class ClickHouseUsersFileTest {

    private static final Path DEPLOY = findDeploy();
    private static final Path USERS = DEPLOY.resolve("clickhouse/users.d/mailcensus-users.xml");

    @Test
    void theReaderIsReadOnlyBoundedAndHasNoSourceGrants() throws Exception {
        XPath x = XPathFactory.newInstance().newXPath();
        Document users = parse();

        assertThat(x.evaluate("/clickhouse/profiles/mailcensus_reader/readonly", users)).isEqualTo("2");
        assertThat(x.evaluate("/clickhouse/profiles/mailcensus_reader/max_execution_time", users)).isEqualTo("60");
        assertThat(x.evaluate("/clickhouse/profiles/mailcensus_reader/constraints/max_execution_time/max", users)).isNotEmpty();
        assertThat(x.evaluate("/clickhouse/profiles/mailcensus_reader/constraints/max_memory_usage/max", users)).isNotEmpty();
        assertThat(x.evaluate("/clickhouse/users/mailcensus_reader/profile", users)).isEqualTo("mailcensus_reader");
        assertThat(x.evaluate("/clickhouse/users/mailcensus_reader/grants/query", users))
                .isEqualTo("GRANT SELECT, SHOW ON default.*");
    }

    @Test
    void theWriterMayCreateAndInsertButNotDropOrReachOutside() throws Exception {
        XPath x = XPathFactory.newInstance().newXPath();
        String grants = x.evaluate("/clickhouse/users/mailcensus_writer/grants/query", parse());

        assertThat(grants).contains("INSERT", "CREATE TABLE", "CREATE VIEW", "ALTER ADD COLUMN", "ALTER COMMENT COLUMN");
        assertThat(grants).doesNotContain("DROP TABLE", "FILE", "URL", "REMOTE", "S3", "ALL", "ACCESS MANAGEMENT");
    }

    @Test
    void passwordsComeFromTheEnvironmentAndComposeGivesEachRoleItsUser() throws Exception {
        XPath x = XPathFactory.newInstance().newXPath();
        Document users = parse();
        String compose = Files.readString(DEPLOY.resolve("compose/docker-compose.yml"));

        assertThat(x.evaluate("/clickhouse/users/mailcensus_reader/password/@from_env", users)).isEqualTo("CLICKHOUSE_READER_PASSWORD");
        assertThat(x.evaluate("/clickhouse/users/mailcensus_writer/password/@from_env", users)).isEqualTo("CLICKHOUSE_WRITER_PASSWORD");
        assertThat(compose).contains("../clickhouse/users.d/mailcensus-users.xml:/etc/clickhouse-server/users.d/mailcensus-users.xml:ro");
        assertThat(compose).contains("MAILCENSUS_CLICKHOUSE_USER: mailcensus_writer", "CLICKHOUSE_USER: mailcensus_reader");
        assertThat(Files.readString(DEPLOY.resolve("compose/.env.example")))
                .contains("CLICKHOUSE_READER_PASSWORD=", "CLICKHOUSE_WRITER_PASSWORD=");
    }

    private static Document parse() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(USERS.toFile());
    }

    private static Path findDeploy() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/compose/docker-compose.yml"))) {
                return dir.resolve("deploy");
            }
        }
        throw new IllegalStateException("no deploy/ above " + Path.of("").toAbsolutePath());
    }
}
