package io.mailcensus.worker.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;

/**
 * The TLS client context of the SMTP and HTTPS probes. It trusts everything in the handshake:
 * the chain must be recorded and judged by mailcensus (PKIX, host name, DANE), not make the
 * handshake fail.
 *
 * <p>BoringSSL (netty-tcnative) where its native library loads, because a scan's CPU goes largely
 * into TLS handshakes and the JDK's costs several times more per handshake; the JDK's provider
 * elsewhere. Both offer TLS 1.2 and 1.3 only, so the verdicts mean the same with either.
 */
public final class ClientTls {

    private ClientTls() {}

    public static SslContext context() {
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(provider)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a TLS client context with " + provider, e);
        }
    }
}
