package io.mailcensus.worker.dns.dnssec;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * ECDSA verification (DER-encoded signatures, as the JCA passes them) of one digest algorithm.
 * The public point is checked to be on the curve and of the right order when the key is set;
 * r and s must lie in [1, n-1]; a signature that is not strict DER throws, as the JDK's does.
 */
final class EcdsaVerifySpi extends SignatureSpi {

    /** P-256 and P-384 with BouncyCastle's fast special-form field arithmetic. */
    private static final List<ECDomainParameters> CURVES = List.of(domain("secp256r1"), domain("secp384r1"));

    /**
     * Keys seen recently, with the multiplication tables BouncyCastle keeps on their points. dnsjava
     * makes a new key object for every signature, but one key (a TLD's zone key, which signs the
     * proof that a delegation has no DS) verifies most of a scan's signatures: a point made anew
     * each time would recompute its table, and that was most of the cost of a verification.
     */
    private static final Map<java.security.spec.ECPoint, ECPublicKeyParameters> KEYS = new ConcurrentHashMap<>();
    private static final int MAX_KEYS = 4096;

    /** Shared by every verifier: the outcome of a (key, digest, signature) never changes. */
    static final SignatureVerdicts VERDICTS = new SignatureVerdicts();

    private final MessageDigest digest;
    private ECPublicKeyParameters key;
    private byte[] keyBytes;

    EcdsaVerifySpi(String digestAlgorithm) {
        try {
            this.digest = MessageDigest.getInstance(digestAlgorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(digestAlgorithm + " is part of every JDK", e);
        }
    }

    private static ECDomainParameters domain(String name) {
        X9ECParameters p = CustomNamedCurves.getByName(name);
        return new ECDomainParameters(p.getCurve(), p.getG(), p.getN(), p.getH(), p.getSeed());
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        if (!(publicKey instanceof ECPublicKey ec)) {
            throw new InvalidKeyException("not an EC public key");
        }
        ECDomainParameters domain = curveOf(ec.getParams());
        ECPublicKeyParameters cached = KEYS.get(ec.getW());
        if (cached == null || cached.getParameters() != domain) {
            try {
                cached = new ECPublicKeyParameters(
                        domain.getCurve().createPoint(ec.getW().getAffineX(), ec.getW().getAffineY()), domain);
            } catch (IllegalArgumentException e) {
                throw new InvalidKeyException("the public point is not valid on the "
                        + domain.getCurve().getFieldSize() + "-bit curve", e);
            }
            if (KEYS.size() >= MAX_KEYS) {
                KEYS.clear(); // crude, but a scan's working set is a few zone keys and a tail
            }
            KEYS.put(ec.getW(), cached);
        }
        key = cached;
        keyBytes = cached.getQ().getEncoded(true);
        digest.reset();
    }

    /** The curve by its order and field; any other curve is the JDK's business. */
    private static ECDomainParameters curveOf(ECParameterSpec params) throws InvalidKeyException {
        BigInteger order = params.getOrder();
        BigInteger field = params.getCurve().getField() instanceof java.security.spec.ECFieldFp fp ? fp.getP() : null;
        for (ECDomainParameters d : CURVES) {
            if (d.getN().equals(order) && d.getCurve().getField().getCharacteristic().equals(field)
                    && d.getG().getAffineXCoord().toBigInteger().equals(params.getGenerator().getAffineX())) {
                return d;
            }
        }
        throw new InvalidKeyException("only P-256 and P-384 are verified here");
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
        throw new InvalidKeyException("this provider only verifies");
    }

    @Override
    protected void engineUpdate(byte b) {
        digest.update(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {
        digest.update(b, off, len);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        throw new SignatureException("this provider only verifies");
    }

    @Override
    protected boolean engineVerify(byte[] signature) throws SignatureException {
        if (key == null) {
            throw new SignatureException("not initialised for verification");
        }
        byte[] hash = digest.digest();
        BigInteger[] rs;
        try {
            // Strict DER only; no order given, so r and s out of [1, n-1] are a false verify below,
            // as with the JDK, rather than an exception.
            rs = StandardDSAEncoding.INSTANCE.decode(null, signature);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new SignatureException("malformed ECDSA signature", e);
        }
        ByteBuffer seen = SignatureVerdicts.key(keyBytes, hash, signature);
        Boolean known = VERDICTS.get(seen);
        if (known != null) {
            return known;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        boolean valid = verifier.verifySignature(hash, rs[0], rs[1]);
        VERDICTS.put(seen, valid);
        return valid;
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new UnsupportedOperationException("no parameters");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new UnsupportedOperationException("no parameters");
    }
}
