package io.mailcensus.coordinator.input;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * A TSIG key given on the command line as {@code ALG:NAME:BASE64SECRET}, e.g.
 * {@code hmac-sha512:transfer-key.example:c2VjcmV0} (a zone operator such as SWITCH, for the open
 * data .ch zone, publishes the key in this shape). The secret never appears in {@link #toString()}:
 * the spec ends up in logs and the scans table.
 */
public record TsigSpec(Name algorithm, Name keyName, byte[] secret) {

    /** The algorithms a zone operator hands out; MD5 is deliberately absent. */
    private static final Map<String, Name> ALGORITHMS = Map.of(
            "hmac-sha1", TSIG.HMAC_SHA1,
            "hmac-sha256", TSIG.HMAC_SHA256,
            "hmac-sha384", TSIG.HMAC_SHA384,
            "hmac-sha512", TSIG.HMAC_SHA512);

    public TsigSpec {
        secret = secret.clone();
    }

    /**
     * Parses {@code ALG:NAME:BASE64SECRET}.
     *
     * @throws IllegalArgumentException with a one-line reason that never contains the secret
     */
    public static TsigSpec parse(String spec) {
        int first = spec.indexOf(':');
        int last = spec.lastIndexOf(':');
        if (first < 0 || first == last) {
            throw new IllegalArgumentException("TSIG key must be ALG:NAME:BASE64SECRET, e.g. hmac-sha256:transfer-key:c2VjcmV0");
        }
        String alg = spec.substring(0, first).strip().toLowerCase(Locale.ROOT);
        String name = spec.substring(first + 1, last).strip();
        String secret = spec.substring(last + 1).strip();
        Name algorithm = ALGORITHMS.get(alg.endsWith(".") ? alg.substring(0, alg.length() - 1) : alg);
        if (algorithm == null) {
            throw new IllegalArgumentException("TSIG algorithm '" + alg + "' unknown: use one of "
                    + String.join(", ", ALGORITHMS.keySet().stream().sorted().toList()));
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("TSIG key name is empty (ALG:NAME:BASE64SECRET)");
        }
        Name keyName;
        try {
            keyName = Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("TSIG key name '" + name + "' is not a DNS name: " + e.getMessage());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TSIG secret of key '" + name + "' is not base64");
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("TSIG secret of key '" + name + "' is empty");
        }
        return new TsigSpec(algorithm, keyName, bytes);
    }

    /** The signer/verifier dnsjava's zone transfer uses. */
    public TSIG toTsig() {
        return new TSIG(algorithm, keyName, secret);
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** Algorithm and key name only. */
    @Override
    public String toString() {
        return algorithm.toString(true) + ":" + keyName.toString(true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TsigSpec t && algorithm.equals(t.algorithm) && keyName.equals(t.keyName)
                && java.util.Arrays.equals(secret, t.secret);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * algorithm.hashCode() + keyName.hashCode()) + java.util.Arrays.hashCode(secret);
    }
}
