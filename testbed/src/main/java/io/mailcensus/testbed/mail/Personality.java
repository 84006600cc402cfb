package io.mailcensus.testbed.mail;

/** How a testbed mail server behaves towards a scanner. */
public enum Personality {
    /** Postfix, STARTTLS with a currently valid certificate for the MX name, issued by the test CA. */
    POSTFIX_STARTTLS(Software.POSTFIX, Certificate.VALID),
    /** Postfix, STARTTLS with a certificate for the MX name from the test CA that expired yesterday. */
    POSTFIX_EXPIRED_CERT(Software.POSTFIX, Certificate.EXPIRED),
    /** Postfix, STARTTLS with a valid test-CA certificate for another name ({@code wrong-name.invalid}). */
    POSTFIX_WRONG_NAME_CERT(Software.POSTFIX, Certificate.WRONG_NAME),
    /** Postfix, STARTTLS with a self-signed certificate for the MX name. */
    POSTFIX_SELF_SIGNED(Software.POSTFIX, Certificate.SELF_SIGNED),
    /** Postfix without TLS: EHLO offers no STARTTLS. */
    POSTFIX_NO_STARTTLS(Software.POSTFIX, Certificate.NONE),
    /**
     * Postfix, STARTTLS with a valid certificate, that waits {@link #SLOW_GREETING_SECONDS} before
     * its greeting (a busy or tarpitting server that still answers within a scanner's timeout).
     */
    POSTFIX_SLOW_GREETING(Software.POSTFIX, Certificate.VALID),
    /** Exim ({@code ESMTP Exim 4.x} banner), STARTTLS with a valid test-CA certificate for the MX name. */
    EXIM_STARTTLS(Software.EXIM, Certificate.VALID),
    /** Nothing listens on the address: a connection is refused. */
    REFUSES_CONNECTIONS(Software.NONE, Certificate.NONE);

    /** The server program behind a personality. */
    public enum Software { POSTFIX, EXIM, NONE }

    /** The certificate a personality serves after STARTTLS. */
    public enum Certificate { VALID, EXPIRED, WRONG_NAME, SELF_SIGNED, NONE }

    /** How long a {@link #POSTFIX_SLOW_GREETING} server waits before it greets. */
    public static final int SLOW_GREETING_SECONDS = 3;

    /** The name a {@link Certificate#WRONG_NAME} certificate is issued for. */
    public static final String WRONG_NAME = "wrong-name.invalid";

    private final Software software;
    private final Certificate certificate;

    Personality(Software software, Certificate certificate) {
        this.software = software;
        this.certificate = certificate;
    }

    public Software software() {
        return software;
    }

    public Certificate certificate() {
        return certificate;
    }

    public boolean offersStartTls() {
        return certificate != Certificate.NONE;
    }
}
