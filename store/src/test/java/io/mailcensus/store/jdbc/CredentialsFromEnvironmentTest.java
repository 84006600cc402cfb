package io.mailcensus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFromEnvironmentTest {

    @TempDir
    Path dir;

    @Test
    void userAndPasswordComeFromTheirVariables() {
        Properties p = ClickHouseJdbcStore.credentialsFrom(Map.of(
                ClickHouseJdbcStore.USER_ENV, "writer", ClickHouseJdbcStore.PASSWORD_ENV, "pw"));

        assertThat(p).containsEntry("user", "writer").containsEntry("password", "pw");
    }

    @Test
    void aPasswordFileWinsOverTheVariables() throws Exception {
        Path file = Files.writeString(dir.resolve("ch.cred"), "filed:se:cret\n");

        Properties p = ClickHouseJdbcStore.credentialsFrom(Map.of(
                ClickHouseJdbcStore.PASSWORD_FILE_ENV, file.toString(), ClickHouseJdbcStore.USER_ENV, "writer"));

        assertThat(p).containsEntry("user", "filed").containsEntry("password", "se:cret");
    }

    @Test
    void noVariablesMeansTheDriversDefaultUser() {
        assertThat(ClickHouseJdbcStore.credentialsFrom(Map.of())).isEmpty();
    }
}
