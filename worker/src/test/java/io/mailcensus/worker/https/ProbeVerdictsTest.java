package io.mailcensus.worker.https;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.M365Check;
import io.mailcensus.schemas.MtaStsCheck;
import io.mailcensus.schemas.SecurityTxtCheck;
import io.mailcensus.schemas.SecurityTxtStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status tables of the probes, fed with fetch results made by hand. */
class ProbeVerdictsTest {

    private static final HttpsUrl URL = new HttpsUrl("mta-sts.example.test", 443, MtaStsProbe.PATH);
    private static final MtaStsCheck RECORD = MtaStsCheck.newBuilder().setStatus(CheckStatus.present).setId("1").build();

    private static FetchResult.Response response(int status, String contentType, String body, String certificateError) {
        return new FetchResult.Response(URL, status, contentType, null, body.getBytes(StandardCharsets.UTF_8), false,
                certificateError, List.of());
    }

    private static FetchResult.Failure failure(FetchResult.Kind kind) {
        return new FetchResult.Failure(URL, kind, "test");
    }

    private static CheckStatus policy(FetchResult result) {
        return MtaStsProbe.judge(RECORD, result, List.of("mx.example.test")).getPolicyStatus();
    }

    @Test
    void mtaStsPolicyStatuses() {
        String policy = "version: STSv1\nmode: testing\nmx: mx.example.test\nmax_age: 86400\n";
        assertThat(policy(response(200, "text/plain", policy, null))).isEqualTo(CheckStatus.present);
        assertThat(policy(response(200, "text/plain", "version: STSv2", null))).isEqualTo(CheckStatus.invalid);
        assertThat(policy(response(200, "text/plain", policy, "not trusted: self-signed"))).isEqualTo(CheckStatus.invalid);
        assertThat(policy(response(403, "text/html", "", null))).isEqualTo(CheckStatus.invalid);
        assertThat(policy(response(404, "text/html", "", null))).isEqualTo(CheckStatus.absent);
        assertThat(policy(response(410, "text/html", "", null))).isEqualTo(CheckStatus.absent);
        assertThat(policy(response(503, "text/html", "", null))).isEqualTo(CheckStatus.error);
        assertThat(policy(response(429, "text/html", "", null))).isEqualTo(CheckStatus.error);
        assertThat(policy(failure(FetchResult.Kind.NO_ADDRESS))).isEqualTo(CheckStatus.absent);
        assertThat(policy(failure(FetchResult.Kind.REFUSED))).isEqualTo(CheckStatus.absent);
        for (FetchResult.Kind kind : List.of(FetchResult.Kind.TIMEOUT, FetchResult.Kind.DNS_ERROR, FetchResult.Kind.TLS,
                FetchResult.Kind.PROTOCOL, FetchResult.Kind.UNREACHABLE, FetchResult.Kind.QUARANTINED,
                FetchResult.Kind.ERROR)) {
            assertThat(policy(failure(kind))).as(kind.name()).isEqualTo(CheckStatus.error);
        }
    }

    @Test
    void theRecordPartIsKept() {
        MtaStsCheck check = MtaStsProbe.judge(RECORD, failure(FetchResult.Kind.TIMEOUT), List.of());
        assertThat(check.getStatus()).isEqualTo(CheckStatus.present);
        assertThat(check.getId()).isEqualTo("1");
    }

    @Test
    void securityTxtStatuses() {
        SecurityTxtProbe probe = new SecurityTxtProbe(null, null,
                Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));
        String file = "Contact: mailto:a@example.test\nExpires: 2027-01-01T00:00:00Z\n";
        assertThat(probe.judge(response(200, "text/plain", file, null)).getStatus()).isEqualTo(SecurityTxtStatus.valid);
        assertThat(probe.judge(response(200, "text/plain", file, "not trusted")).getStatus())
                .isEqualTo(SecurityTxtStatus.present_invalid);
        assertThat(probe.judge(response(403, "text/html", "", null)).getStatus()).isEqualTo(SecurityTxtStatus.absent);
        assertThat(probe.judge(response(500, "text/html", "", null)).getStatus()).isEqualTo(SecurityTxtStatus.error);
        assertThat(probe.judge(failure(FetchResult.Kind.REFUSED)).getStatus()).isEqualTo(SecurityTxtStatus.absent);
        assertThat(probe.judge(failure(FetchResult.Kind.NO_ADDRESS)).getStatus()).isEqualTo(SecurityTxtStatus.absent);
        assertThat(probe.judge(failure(FetchResult.Kind.TIMEOUT)).getStatus()).isEqualTo(SecurityTxtStatus.error);
        FetchResult.Response toHttp = new FetchResult.Response(URL, 301, "text/html", "http://example.test/x", new byte[0],
                false, null, List.of());
        FetchResult.Response tooMany = new FetchResult.Response(URL, 301, "text/html", "/again", new byte[0],
                false, null, List.of());
        assertThat(probe.judge(toHttp).getStatus()).isEqualTo(SecurityTxtStatus.absent);
        assertThat(probe.judge(tooMany).getStatus()).isEqualTo(SecurityTxtStatus.error);
    }

    @Test
    void theBetterOfTwoSecurityTxtLocationsWins() {
        SecurityTxtCheck valid = SecurityTxtCheck.newBuilder().setStatus(SecurityTxtStatus.valid).build();
        SecurityTxtCheck invalid = SecurityTxtCheck.newBuilder().setStatus(SecurityTxtStatus.present_invalid).build();
        SecurityTxtCheck error = SecurityTxtCheck.newBuilder().setStatus(SecurityTxtStatus.error).build();
        SecurityTxtCheck absent = SecurityTxtCheck.newBuilder().setStatus(SecurityTxtStatus.absent).build();
        assertThat(SecurityTxtProbe.better(invalid, valid)).isEqualTo(valid);
        assertThat(SecurityTxtProbe.better(absent, error)).isEqualTo(error);
        assertThat(SecurityTxtProbe.better(invalid, error)).isEqualTo(invalid);
        assertThat(SecurityTxtProbe.better(absent, absent)).isEqualTo(absent);
    }

    @Test
    void m365Statuses() {
        M365Check evidence = M365Check.newBuilder().setEvidence(List.of("mx")).build();
        String doc = "{\"token_endpoint\":\"https://login.microsoftonline.com/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0/oauth2/token\"}";
        assertThat(M365Probe.judge(evidence, response(200, "application/json", doc, null)).getStatus())
                .isEqualTo(CheckStatus.present);
        assertThat(M365Probe.judge(evidence, response(200, "application/json", doc, "not trusted")).getStatus())
                .isEqualTo(CheckStatus.error);
        assertThat(M365Probe.judge(evidence, response(400, "application/json", "{}", null)).getStatus())
                .isEqualTo(CheckStatus.absent);
        assertThat(M365Probe.judge(evidence, response(200, "text/html", "<html>", null)).getStatus())
                .isEqualTo(CheckStatus.invalid);
        assertThat(M365Probe.judge(evidence, failure(FetchResult.Kind.TIMEOUT)).getStatus()).isEqualTo(CheckStatus.error);
        assertThat(M365Probe.judge(evidence, failure(FetchResult.Kind.TIMEOUT)).getEvidence()).containsExactly("mx");
    }
}
