package io.mailcensus.testbed.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.testbed.pki.TestCa;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteCertificatesTest {

    @TempDir
    Path dir;

    @Test
    void everyDomainGetsItsNameWwwAndMtaStsOnASharedCertificate() throws Exception {
        SiteCertificates.write(dir.resolve("certs"), List.of("# comment", "shop-1.test", "garage-2.test", "bau-3.test", ""),
                TestCa.create("test CA"), Instant.now(), 2, dir.resolve("c.map"), dir.resolve("k.map"));
        List<String> certificates = Files.readAllLines(dir.resolve("c.map"));
        assertThat(certificates).hasSize(9).allMatch(l -> l.matches("[a-z0-9.-]+ \".*site-[01]\\.crt\\.pem\";"));
        assertThat(certificates).anyMatch(l -> l.startsWith("mta-sts.bau-3.test \"") && l.contains("site-1.crt.pem"));
        assertThat(Files.readAllLines(dir.resolve("k.map"))).hasSize(9).allMatch(l -> l.contains(".key.pem\";"));
        X509Certificate first;
        try (InputStream in = Files.newInputStream(dir.resolve("certs/site-0.crt.pem"))) {
            first = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertThat(first.getSubjectAlternativeNames().stream().map(n -> (String) n.get(1)))
                .containsExactly("shop-1.test", "www.shop-1.test", "mta-sts.shop-1.test",
                        "garage-2.test", "www.garage-2.test", "mta-sts.garage-2.test");
    }

    @Test
    void aDomainStartingWithPHasAPolicyHostItsCertificateForgot() throws IOException {
        assertThat(SiteCertificates.names("praxis-1.test")).containsExactly("praxis-1.test", "www.praxis-1.test");
    }

    @Test
    void aNameListedTwiceIsMappedOnce() throws Exception {
        SiteCertificates.write(dir.resolve("certs"), List.of("x.test", "www.x.test"), TestCa.create("test CA"),
                Instant.now(), 100, dir.resolve("c.map"), dir.resolve("k.map"));
        List<String> names = Files.readAllLines(dir.resolve("c.map")).stream().map(l -> l.substring(0, l.indexOf(' '))).toList();
        assertThat(names).doesNotHaveDuplicates().contains("x.test", "www.x.test", "www.www.x.test");
    }
}
