package io.mailcensus.testbed.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.testbed.pki.Leaf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedWebServersTest {

    @TempDir
    Path dir;

    @Test
    void anMtaStsPolicyNamesProvidersByWildcardAndOwnHostsByName() throws IOException {
        Path policies = dir.resolve("mta-sts-policies.tsv");
        Files.writeString(policies, """
                a.test\tmx1.mailhost2.example.,mx2.mailhost2.example.,mail.a.test.
                b.test\t.,localhost.
                """);
        assertThat(GeneratedWebServers.mtaStsMap(policies)).isEqualTo("""
                mta-sts.a.test "version: STSv1\\nmode: testing\\nmx: *.mailhost2.example\\nmx: mail.a.test\\nmax_age: 86400\\n";
                mta-sts.b.test "version: STSv1\\nmode: testing\\nmax_age: 86400\\n";
                """);
    }

    @Test
    void oneDefaultServerListensOnEveryWebAddress() {
        String conf = GeneratedWebServers.config(dir, List.of("127.80.1.10", "127.80.0.10"),
                new Leaf.PemFiles(dir.resolve("web.crt.pem"), dir.resolve("web.key.pem")), Instant.parse("2027-05-27T00:00:00Z"));
        assertThat(conf).contains("listen 127.80.1.10:443 ssl default_server;", "listen 127.80.0.10:443 ssl default_server;",
                "Expires: 2027-05-27T00:00:00Z", "log_format counts '$server_addr ");
    }
}
