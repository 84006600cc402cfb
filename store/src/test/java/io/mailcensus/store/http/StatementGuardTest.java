package io.mailcensus.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The guard over statements as the engine renders them (formatQuerySingleLine). */
class StatementGuardTest {

    private final StatementGuard readOnly = new StatementGuard(false);
    private final StatementGuard writable = new StatementGuard(true);

    @Test
    void readingStatementsRunInEveryMode() {
        for (String sql : new String[] {"SELECT 1", "WITH 1 AS x SELECT x", "SHOW TABLES", "DESCRIBE TABLE scans",
                "EXPLAIN SELECT 1", "EXISTS TABLE scans", "(SELECT 1) UNION ALL (SELECT 2)"}) {
            assertThat(readOnly.check(sql, true)).as(sql).isEqualTo(StatementGuard.Kind.READ);
        }
    }

    @Test
    void writesAreRefusedAsReadOnlyUnlessAllowedAndNeverByGet() {
        assertThatThrownBy(() -> readOnly.check("DROP TABLE scans", false))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(164))
                .hasMessageEndingWith("(READONLY)");
        assertThat(writable.check("INSERT INTO scans FORMAT JSONEachRow", false)).isEqualTo(StatementGuard.Kind.WRITE);
        assertThatThrownBy(() -> writable.check("INSERT INTO scans FORMAT Values", true))
                .hasMessageContaining("method GET implies readonly");
    }

    @Test
    void theOutsideIsRefusedInEveryModeWhereverItHides() {
        for (String sql : new String[] {
                "SELECT * FROM file('/etc/shadow', 'LineAsString')", "SELECT file('/etc/shadow')",
                "SELECT * FROM `url`('http://x/', 'CSV')", "SELECT 1 UNION ALL SELECT * FROM remote('h', system.one)",
                "INSERT INTO t SELECT * FROM s3Cluster('c', 'u')", "SELECT * FROM icebergS3('u')",
                "SELECT 1 INTO OUTFILE '/tmp/x'", "INSERT INTO t FROM INFILE '/etc/passwd' FORMAT CSV",
                "CREATE TABLE t (a Int8) ENGINE = URL('http://x/', CSV)",
                "CREATE DATABASE d ENGINE = Filesystem('/')"}) {
            assertThatThrownBy(() -> writable.check(sql, false)).as(sql).isInstanceOf(Refusal.class);
        }
    }

    @Test
    void wordsInsideStringsAreNotCode() {
        assertThat(readOnly.check("SELECT 'file(', 'DROP TABLE x' FROM scans WHERE source = 'url(x)'", false))
                .isEqualTo(StatementGuard.Kind.READ);
    }

    @Test
    void theServersLimitsCannotBeSetAndSetIsRefusedWhenReadOnly() {
        assertThatThrownBy(() -> readOnly.check("SET readonly = 0", false)).hasMessageEndingWith("(READONLY)");
        assertThatThrownBy(() -> writable.check("SET max_execution_time = 0", false)).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> readOnly.check("SELECT 1 SETTINGS max_memory_usage = 0", false)).isInstanceOf(Refusal.class);
        assertThat(writable.check("SET max_threads = 2", false)).isEqualTo(StatementGuard.Kind.IGNORED);
    }

    @Test
    void otherStatementsAreRefusedInEveryMode() {
        for (String sql : new String[] {"SYSTEM SHUTDOWN", "ATTACH TABLE t", "BACKUP TABLE t TO Disk('d', 'x')",
                "GRANT ALL ON *.* TO u", "KILL QUERY WHERE 1", "CREATE USER u", "INSERT INTO FUNCTION null('a Int8') VALUES"}) {
            assertThatThrownBy(() -> writable.check(sql, false)).as(sql).isInstanceOf(Refusal.class);
        }
    }
}
