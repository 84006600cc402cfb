package io.mailcensus.coordinator.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;

class TsigSpecTest {

    private static final String SECRET = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    @ParameterizedTest
    @CsvSource({"hmac-sha1, hmac-sha1.", "hmac-sha256, hmac-sha256.", "hmac-sha384, hmac-sha384.",
            "hmac-sha512, hmac-sha512.", "HMAC-SHA256, hmac-sha256.", "hmac-sha512., hmac-sha512."})
    void knowsTheAlgorithmsZoneOperatorsHandOut(String given, String algorithm) {
        TsigSpec spec = TsigSpec.parse(given + ":transfer-key:" + SECRET);
        assertThat(spec.algorithm()).isEqualTo(Name.fromConstantString(algorithm));
        assertThat(spec.keyName()).isEqualTo(Name.fromConstantString("transfer-key."));
        assertThat(spec.secret()).isEqualTo("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aDottedKeyNameIsAbsolute() {
        assertThat(TsigSpec.parse("hmac-sha512:tsig-zonedata-ch-public-21-01:" + SECRET).keyName())
                .isEqualTo(Name.fromConstantString("tsig-zonedata-ch-public-21-01."));
        assertThat(TsigSpec.parse("hmac-sha512:key.example.:" + SECRET).keyName())
                .isEqualTo(Name.fromConstantString("key.example."));
    }

    @Test
    void aSecretWithPaddingParses() {
        TsigSpec spec = TsigSpec.parse("hmac-sha256:k:YWJj"); // "abc", no padding
        assertThat(spec.secret()).hasSize(3);
        assertThat(TsigSpec.parse("hmac-sha256:k:YWI=").secret()).hasSize(2);
    }

    @Test
    void buildsTheSignerForTheTransfer() {
        TSIG tsig = TsigSpec.parse("hmac-sha256:transfer-key:" + SECRET).toTsig();
        Message query = Message.newQuery(Record.newRecord(Name.fromConstantString("ch."), Type.AXFR, DClass.IN));
        tsig.apply(query, null);
        TSIGRecord signature = query.getTSIG();
        assertThat(signature.getAlgorithm()).isEqualTo(TSIG.HMAC_SHA256);
        assertThat(signature.getName()).isEqualTo(Name.fromConstantString("transfer-key."));
        assertThat(signature.getSignature()).hasSize(32);
    }

    @Test
    void neverShowsTheSecret() {
        TsigSpec spec = TsigSpec.parse("hmac-sha256:transfer-key:" + SECRET);
        assertThat(spec.toString()).isEqualTo("hmac-sha256:transfer-key").doesNotContain(SECRET);
    }

    @Test
    void equalSpecsAreEqual() {
        assertThat(TsigSpec.parse("hmac-sha256:k:" + SECRET)).isEqualTo(TsigSpec.parse("HMAC-SHA256:k.:" + SECRET))
                .isNotEqualTo(TsigSpec.parse("hmac-sha256:k:YWJj"));
    }

    @Test
    void md5AndUnknownAlgorithmsAreRejectedWithTheChoices() {
        assertThatThrownBy(() -> TsigSpec.parse("hmac-md5:k:" + SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TSIG algorithm 'hmac-md5' unknown: use one of hmac-sha1, hmac-sha256, hmac-sha384, hmac-sha512");
    }

    @Test
    void aMissingPartIsAClearError() {
        assertThatThrownBy(() -> TsigSpec.parse("hmac-sha256:" + SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TSIG key must be ALG:NAME:BASE64SECRET");
        assertThatThrownBy(() -> TsigSpec.parse(SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TSIG key must be ALG:NAME:BASE64SECRET");
        assertThatThrownBy(() -> TsigSpec.parse("hmac-sha256::" + SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TSIG key name is empty (ALG:NAME:BASE64SECRET)");
        assertThatThrownBy(() -> TsigSpec.parse("hmac-sha256:k:"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TSIG secret of key 'k' is empty");
    }

    @Test
    void aSecretThatIsNotBase64IsAnErrorThatDoesNotEchoIt() {
        assertThatThrownBy(() -> TsigSpec.parse("hmac-sha256:k:not*base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TSIG secret of key 'k' is not base64")
                .hasMessageNotContaining("not*base64!");
    }

    @Test
    void aBadKeyNameIsAClearError() {
        assertThatThrownBy(() -> TsigSpec.parse("hmac-sha256:a..b:" + SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TSIG key name 'a..b' is not a DNS name");
    }
}
