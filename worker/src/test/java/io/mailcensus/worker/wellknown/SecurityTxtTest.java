package io.mailcensus.worker.wellknown;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecurityTxtTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final String VALID = """
            # Our security address
            Contact: mailto:security@example.com
            Contact: https://example.com/security
            Expires: 2027-01-01T00:00:00.000Z
            Preferred-Languages: en, de
            """;

    @Test
    void aFileWithContactAndAFutureExpiresIsValid() {
        SecurityTxt file = SecurityTxt.parse("text/plain; charset=utf-8", VALID, NOW);
        assertThat(file.valid()).as(file.invalidReason()).isTrue();
        assertThat(file.contacts()).containsExactly("mailto:security@example.com", "https://example.com/security");
        assertThat(file.expires()).isEqualTo("2027-01-01T00:00:00.000Z");
    }

    @Test
    void crlfAndCaseInsensitiveFieldNamesAreRead() {
        SecurityTxt file = SecurityTxt.parse("text/plain", "contact: mailto:a@example.com\r\nEXPIRES: 2027-01-01T00:00:00+02:00\r\n", NOW);
        assertThat(file.valid()).as(file.invalidReason()).isTrue();
    }

    @Test
    void anExpiredFileIsInvalidButItsFieldsAreKept() {
        SecurityTxt file = SecurityTxt.parse("text/plain", "Contact: mailto:a@example.com\nExpires: 2026-05-31T23:59:59Z\n", NOW);
        assertThat(file.invalidReason()).startsWith("expired");
        assertThat(file.expires()).isEqualTo("2026-05-31T23:59:59Z");
        assertThat(file.contacts()).containsExactly("mailto:a@example.com");
    }

    @Test
    void contactAndExpiresAreRequired() {
        assertThat(SecurityTxt.parse("text/plain", "Expires: 2027-01-01T00:00:00Z\n", NOW).invalidReason()).isEqualTo("no Contact");
        assertThat(SecurityTxt.parse("text/plain", "Contact: mailto:a@example.com\n", NOW).invalidReason()).isEqualTo("no Expires");
    }

    @Test
    void expiresMustBeOneRfc3339DateTime() {
        assertThat(SecurityTxt.parse("text/plain", "Contact: x\nExpires: next year\n", NOW).invalidReason())
                .startsWith("Expires is not");
        assertThat(SecurityTxt.parse("text/plain",
                "Contact: x\nExpires: 2027-01-01T00:00:00Z\nExpires: 2028-01-01T00:00:00Z\n", NOW).invalidReason())
                .contains("2 Expires");
    }

    @Test
    void itMustBeServedAsTextPlain() {
        assertThat(SecurityTxt.parse("application/octet-stream", VALID, NOW).invalidReason()).contains("text/plain");
        assertThat(SecurityTxt.parse(null, VALID, NOW).valid()).isFalse();
    }

    @Test
    void anHtmlPageIsASoft404WhateverItsType() {
        assertThat(SecurityTxt.parse("text/html; charset=utf-8", VALID, NOW).invalidReason()).contains("HTML");
        assertThat(SecurityTxt.parse("text/plain", "\n  <!DOCTYPE html><html><body>Not found</body></html>", NOW)
                .invalidReason()).contains("HTML");
    }

    @Test
    void aCleartextSignedFileIsReadInsideItsSignature() {
        String signed = """
                -----BEGIN PGP SIGNED MESSAGE-----
                Hash: SHA256

                Contact: mailto:security@example.com
                Expires: 2027-01-01T00:00:00Z
                - Contact: https://example.com/escaped
                -----BEGIN PGP SIGNATURE-----

                iQIzBAEBCAAdFiEE
                Contact: mailto:not-signed@example.com
                -----END PGP SIGNATURE-----
                """;
        SecurityTxt file = SecurityTxt.parse("text/plain", signed, NOW);
        assertThat(file.valid()).as(file.invalidReason()).isTrue();
        assertThat(file.contacts()).containsExactly("mailto:security@example.com", "https://example.com/escaped");
    }
}
