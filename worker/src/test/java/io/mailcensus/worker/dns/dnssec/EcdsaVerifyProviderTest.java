package io.mailcensus.worker.dns.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EcdsaVerifyProviderTest {

    private static final byte[] MESSAGE = "example. 3600 IN SOA ns1.example. hostmaster.example. 1 2 3 4 5"
            .getBytes(StandardCharsets.US_ASCII);

    @BeforeAll
    static void install() {
        EcdsaVerifyProvider.install();
    }

    @ParameterizedTest
    @CsvSource({"secp256r1, SHA256withECDSA", "secp384r1, SHA384withECDSA"})
    void verifiesWhatTheJdkSigned(String curve, String algorithm) throws Exception {
        KeyPair keys = keys(curve);
        byte[] signature = jdkSign(algorithm, keys, MESSAGE);

        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(keys.getPublic());
        verifier.update(MESSAGE);

        assertThat(verifier.verify(signature)).isTrue();
        assertThat(verifier.getProvider().getName()).isEqualTo(EcdsaVerifyProvider.NAME);
    }

    @Test
    void rejectsAnAlteredMessageAndAnotherKeysSignature() throws Exception {
        KeyPair keys = keys("secp256r1");
        byte[] signature = jdkSign("SHA256withECDSA", keys, MESSAGE);
        byte[] altered = MESSAGE.clone();
        altered[0] ^= 1;

        assertThat(verify(keys, altered, signature)).isFalse();
        assertThat(verify(keys("secp256r1"), MESSAGE, signature)).isFalse();
    }

    @Test
    void aSignatureVerifiedBeforeIsJudgedTheSameAndNeverForAnotherMessageOrKey() throws Exception {
        KeyPair keys = keys("secp256r1");
        byte[] signature = jdkSign("SHA256withECDSA", keys, MESSAGE);
        byte[] altered = MESSAGE.clone();
        altered[1] ^= 1;
        int before = EcdsaVerifySpi.VERDICTS.size();

        assertThat(verify(keys, MESSAGE, signature)).isTrue();
        assertThat(EcdsaVerifySpi.VERDICTS.size()).isEqualTo(before + 1);
        assertThat(verify(keys, MESSAGE, signature)).isTrue();
        assertThat(EcdsaVerifySpi.VERDICTS.size()).isEqualTo(before + 1);
        assertThat(verify(keys, altered, signature)).isFalse();
        assertThat(verify(keys("secp256r1"), MESSAGE, signature)).isFalse();
        assertThat(verify(keys, altered, signature)).isFalse();
    }

    @Test
    void rejectsZeroAndOutOfRangeSignatureValues() throws Exception {
        KeyPair keys = keys("secp256r1");
        byte[] zeroes = {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00}; // r = s = 0
        byte[] tooBig = new byte[72]; // r = s = 2^256 - 1 > n
        tooBig[0] = 0x30;
        tooBig[1] = 70;
        for (int at : new int[] {2, 37}) {
            tooBig[at] = 0x02;
            tooBig[at + 1] = 33;
            for (int i = at + 3; i < at + 35; i++) {
                tooBig[i] = (byte) 0xff;
            }
        }

        assertThat(verify(keys, MESSAGE, zeroes)).isFalse();
        assertThat(verify(keys, MESSAGE, tooBig)).isFalse();
    }

    @Test
    void aSignatureThatIsNotDerThrowsAsTheJdksDoes() throws Exception {
        KeyPair keys = keys("secp256r1");

        assertThatThrownBy(() -> verify(keys, MESSAGE, new byte[] {1, 2, 3})).isInstanceOf(SignatureException.class);
    }

    @Test
    void signingAndOtherCurvesStillGoToTheJdk() throws Exception {
        KeyPair p256 = keys("secp256r1");
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(p256.getPrivate());
        signer.update(MESSAGE);
        byte[] signature = signer.sign();
        assertThat(signer.getProvider().getName()).isNotEqualTo(EcdsaVerifyProvider.NAME);
        assertThat(verify(p256, MESSAGE, signature)).isTrue();

        KeyPair p521 = keys("secp521r1");
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(p521.getPublic());
        verifier.update(MESSAGE);
        assertThat(verifier.verify(jdkSign("SHA256withECDSA", p521, MESSAGE))).isTrue();
        assertThat(verifier.getProvider().getName()).isNotEqualTo(EcdsaVerifyProvider.NAME);
    }

    private static boolean verify(KeyPair keys, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(keys.getPublic());
        verifier.update(message);
        return verifier.verify(signature);
    }

    private static byte[] jdkSign(String algorithm, KeyPair keys, byte[] message) throws Exception {
        Signature signer = Signature.getInstance(algorithm, "SunEC");
        signer.initSign(keys.getPrivate());
        signer.update(message);
        return signer.sign();
    }

    private static KeyPair keys(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }
}
