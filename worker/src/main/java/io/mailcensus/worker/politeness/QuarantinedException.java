package io.mailcensus.worker.politeness;

import java.net.InetAddress;

/**
 * The host failed too many times in a row and is left alone for the rest of the round. A typed
 * failure of {@link HostGates#acquire}, like dnsjava's {@code NoSuchDomainException}: the prober
 * turns it into a result ("not probed: quarantined") rather than a crash.
 */
public final class QuarantinedException extends RuntimeException {

    private final transient InetAddress address;

    public QuarantinedException(InetAddress address, int consecutiveFailures) {
        super("host " + address.getHostAddress() + " quarantined for the rest of the round after "
                + consecutiveFailures + " consecutive failures", null, false, false);
        this.address = address;
    }

    public InetAddress address() {
        return address;
    }
}
