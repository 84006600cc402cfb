package io.mailcensus.worker.tls;

import java.util.Arrays;

/**
 * Just enough DER to find the SubjectPublicKeyInfo of a certificate the JDK refuses to parse
 * (e.g. an empty issuer name, which RFC 7250-style DANE-EE(3) servers may present): a DANE-EE
 * match needs only the certificate's bytes or its key's bytes.
 */
final class DerCertificate {

    private DerCertificate() {}

    /** The SubjectPublicKeyInfo element of a DER Certificate, or null when the DER is malformed. */
    static byte[] subjectPublicKeyInfo(byte[] der) {
        try {
            int[] cert = element(der, 0, 0x30);
            int[] tbs = element(der, cert[1], 0x30);
            int pos = tbs[1];
            if ((der[pos] & 0xff) == 0xa0) {
                pos = element(der, pos, 0xa0)[2]; // explicit version
            }
            // serialNumber, signature, issuer, validity, subject, then subjectPublicKeyInfo
            for (int field = 0; field < 5; field++) {
                pos = element(der, pos, -1)[2];
            }
            int[] spki = element(der, pos, 0x30);
            return Arrays.copyOfRange(der, pos, spki[2]);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {start, contentStart, end} of the element at {@code pos}; checks the tag unless -1. */
    private static int[] element(byte[] der, int pos, int tag) {
        if (tag >= 0 && (der[pos] & 0xff) != tag) {
            throw new IllegalArgumentException("unexpected tag at " + pos);
        }
        int lenByte = der[pos + 1] & 0xff;
        int content = pos + 2;
        long length;
        if (lenByte < 0x80) {
            length = lenByte;
        } else {
            int octets = lenByte & 0x7f;
            if (octets == 0 || octets > 4) {
                throw new IllegalArgumentException("unsupported length at " + pos);
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (der[content++] & 0xff);
            }
        }
        long end = content + length;
        if (end > der.length) {
            throw new IllegalArgumentException("element overruns the input at " + pos);
        }
        return new int[] {pos, content, (int) end};
    }
}
