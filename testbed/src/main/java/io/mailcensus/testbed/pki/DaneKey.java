package io.mailcensus.testbed.pki;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;

/**
 * The one key pair of the mail servers that publish DANE-EE records in the generated testbed.
 * It is fixed (made once with openssl, a test key guarding nothing) because the zones are written
 * before any server starts and may be reused by a later start: a {@code 3 1 1} record is the hash
 * of the server's public key, so the key must be known when the zone is generated.
 */
public final class DaneKey {

    private static final String PKCS8 =
            "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg8cywFDTNGfa6CuAg/1dTGrhNNPYvQnFYbbxZDrJcHf6hRANCAARcAIsL"
            + "UiNcjcS8G6D/EQpNwG3JaTCWNlVKl5ct4hJaE2Ny3xF0kyc4Dv0Bmbf2qRxhsLVIZyKlh/oy/ZRzrnyo";

    private static final KeyPair KEYS = load();

    private DaneKey() {}

    public static KeyPair keyPair() {
        return KEYS;
    }

    /** The RDATA of the DANE-EE record that matches a certificate for this key: {@code 3 1 1 <SHA-256 of the SPKI>}. */
    public static String tlsa311() {
        try {
            return "3 1 1 " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    KEYS.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private static KeyPair load() {
        try {
            KeyFactory ec = KeyFactory.getInstance("EC");
            PrivateKey priv = ec.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(PKCS8)));
            // The public point is d x G; PKCS#8 carries it too, but the JDK's spec does not expose it.
            ECNamedCurveParameterSpec curve = ECNamedCurveTable.getParameterSpec("secp256r1");
            org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(((ECPrivateKey) priv).getS()).normalize();
            ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
            PublicKey pub = ec.generatePublic(new ECPublicKeySpec(w, ((ECPrivateKey) priv).getParams()));
            return new KeyPair(pub, priv);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the testbed's DANE key does not load", e);
        }
    }
}
