package io.mailcensus.worker.tls;

import io.mailcensus.schemas.Certificate;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/** The {@code Certificate} Avro record of one X.509 certificate. */
public final class CertificateRecords {

    private CertificateRecords() {}

    public static List<Certificate> of(List<X509Certificate> chain) {
        return chain.stream().map(CertificateRecords::of).toList();
    }

    public static Certificate of(X509Certificate cert) {
        PublicKey key = cert.getPublicKey();
        return Certificate.newBuilder()
                .setSubject(cert.getSubjectX500Principal().getName(X500Principal.RFC2253))
                .setSans(subjectAltNames(cert))
                .setIssuer(cert.getIssuerX500Principal().getName(X500Principal.RFC2253))
                .setIssuerOrg(organisation(cert.getIssuerX500Principal()))
                .setNotBefore(cert.getNotBefore().toInstant())
                .setNotAfter(cert.getNotAfter().toInstant())
                .setKeyAlgorithm(keyAlgorithm(key))
                .setKeyBits(keyBits(key))
                .setSignatureAlgorithm(cert.getSigAlgName())
                .setSha256(sha256(cert))
                .build();
    }

    /** DNS names as they are; other kinds prefixed: {@code IP:}, {@code email:}, {@code URI:}. */
    static List<String> subjectAltNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans == null) {
                return names;
            }
            for (List<?> san : sans) {
                if (san.size() < 2 || !(san.get(0) instanceof Integer type) || !(san.get(1) instanceof String value)) {
                    continue;
                }
                switch (type) {
                    case 1 -> names.add("email:" + value);
                    case 2 -> names.add(value);
                    case 6 -> names.add("URI:" + value);
                    case 7 -> names.add("IP:" + value);
                    default -> { }
                }
            }
        } catch (CertificateParsingException e) {
            // Malformed extension: no names.
        }
        return names;
    }

    /** The first O= of a distinguished name, e.g. "Let's Encrypt". */
    static String organisation(X500Principal name) {
        try {
            List<Rdn> rdns = new LdapName(name.getName(X500Principal.RFC2253)).getRdns();
            // LdapName lists RDNs right to left; the issuer's O= is normally unique anyway.
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("O") && rdns.get(i).getValue() instanceof String o) {
                    return o;
                }
            }
        } catch (InvalidNameException e) {
            // unreadable name: no organisation
        }
        return null;
    }

    static String keyAlgorithm(PublicKey key) {
        if (key instanceof EdECPublicKey ed) {
            return ed.getParams().getName();
        }
        if (key instanceof XECPublicKey x && x.getParams() instanceof NamedParameterSpec spec) {
            return spec.getName();
        }
        return key.getAlgorithm();
    }

    /** RSA/DSA modulus bits, EC field size, 256 for Ed25519, 448 for Ed448; null when unknown. */
    static Integer keyBits(PublicKey key) {
        return switch (key) {
            case RSAPublicKey rsa -> rsa.getModulus().bitLength();
            case ECPublicKey ec -> ec.getParams().getCurve().getField().getFieldSize();
            case EdECPublicKey ed -> ed.getParams().getName().equalsIgnoreCase("Ed448") ? 448 : 256;
            case DSAPublicKey dsa -> dsa.getParams() == null ? null : dsa.getParams().getP().bitLength();
            case XECPublicKey x -> x.getParams() instanceof NamedParameterSpec s && s.getName().equalsIgnoreCase("X448") ? 448 : 256;
            default -> null;
        };
    }

    /** The certificate's SHA-256 fingerprint, lower-case hex (the {@code chain.sha256} column). */
    public static String sha256(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(TlsaMatching.digest("SHA-256", cert.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }
}
