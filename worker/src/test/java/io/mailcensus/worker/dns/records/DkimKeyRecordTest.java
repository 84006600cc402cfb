package io.mailcensus.worker.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailcensus.worker.testing.SharedTestData;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DkimKeyRecordTest {

    /** The testbed's 2048-bit key (openssl genrsa), SubjectPublicKeyInfo. */
    static final String RSA_2048 =
            "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAps37epjDw5WxPFjgLBcGll7ErbfVIcHt4wL097P/3D3JlybZ8rHBhN3t1F4K"
            + "+2yIPQJTQCGCX2Dfko9JIHbilcypwPJ9tYo/G3XV/RBrLEFG2X5BBQwLncszInkR3jUabvZ4yePYqfrrqPx24+2C/VeCwqFQwDN1Poz9"
            + "DXGxShMZMJIaVDTL7AItspin5Qn0RG39ujHXWbyaLq3II/ge/SZHuawGfIC4Z3AyonjZqaHmxa6PrDYly+k6wtasCMiQ8nqzbzsz2vJ/"
            + "oMnC/UUauIhPZnOwKgGDu6V/Mx+1p6sLcE1xug8tUnJ1a6GWUqPHDeeFqlRmfOUHQgbuvimlrQIDAQAB";

    static final String RSA_1024 =
            "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDX6LPmEIKSqMmW/ZmhOHXqH0xbp3tPtzIRexlKoBvGbDFnpwmxGsEUFtf21nvnrDOa"
            + "BjG5W43+av4lmOb6utht4owKBIhpYvvq7jx74cMYeNyUsXgQU7YKhRkw1/Pqn9zMaRrHxCoeFlzPYzVE5bWZwvc3HLuO8UEXjpzKSStC8QIDAQAB";

    static final String ED25519 = "9ffTO+krn7kuNrOUoZYtz7z7k3v3ja7+KDcxC3y1mUg=";

    static Stream<JsonNode> mox() {
        return SharedTestData.mox("dkim-key-record").stream();
    }

    /** All 12 mox cases pass; none is skipped. mox is stricter than many verifiers on a trailing "; ", and so is RFC 6376's ABNF. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("mox")
    void moxVectors(JsonNode c) {
        DkimKeyRecord r = DkimKeyRecord.parse(c.get("input").asText());
        assertThat(r.valid()).as(r.invalidReason()).isEqualTo(c.get("valid").asBoolean());
    }

    @Test
    void rsaKeySizeComesFromTheModulus() {
        assertThat(DkimKeyRecord.parse("v=DKIM1; k=rsa; p=" + RSA_2048)).isEqualTo(new DkimKeyRecord("rsa", 2048, false, false, null));
        assertThat(DkimKeyRecord.parse("p=" + RSA_1024).bits()).isEqualTo(1024);
    }

    @Test
    void ed25519IsAlways256Bits() {
        assertThat(DkimKeyRecord.parse("v=DKIM1; k=ed25519; p=" + ED25519)).isEqualTo(new DkimKeyRecord("ed25519", 256, false, false, null));
    }

    @Test
    void emptyPublicKeyIsARevokedButValidRecord() {
        DkimKeyRecord r = DkimKeyRecord.parse("v=DKIM1; k=rsa; p=");
        assertThat(r.valid()).isTrue();
        assertThat(r.revoked()).isTrue();
        assertThat(r.usable()).isFalse();
        assertThat(r.bits()).isNull();
    }

    @Test
    void keySplitOverSeveralStringsWithBlanksStillDecodes() {
        String spaced = RSA_2048.substring(0, 100) + " " + RSA_2048.substring(100, 200) + "\t" + RSA_2048.substring(200);
        assertThat(DkimKeyRecord.parse("v=DKIM1; p=" + spaced).bits()).isEqualTo(2048);
    }

    @Test
    void testingFlagIsRead() {
        assertThat(DkimKeyRecord.parse("v=DKIM1; t=y; p=" + ED25519 + "; k=ed25519").testing()).isTrue();
        assertThat(DkimKeyRecord.parse("v=DKIM1; t=s; p=").testing()).isFalse();
    }

    @Test
    void brokenRecordsSayWhy() {
        assertThat(DkimKeyRecord.parse("v=DKIM1; p=!!!!").invalidReason()).contains("base64");
        assertThat(DkimKeyRecord.parse("v=DKIM1; k=dsa; p=abcd").invalidReason()).contains("unknown key type");
        assertThat(DkimKeyRecord.parse("k=rsa; v=DKIM1; p=").invalidReason()).contains("first");
        assertThat(DkimKeyRecord.parse("v=DKIM1; h=sha 256; p=").invalidReason()).contains("h=");
        assertThat(DkimKeyRecord.parse("google-site-verification=abc").invalidReason()).contains("tag name");
        assertThat(DkimKeyRecord.parse("v=DKIM1; k=rsa").invalidReason()).contains("p=");
    }
}
