package io.github.spellingreports.intake.abuse;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.github.spellingreports.intake.config.AddressRange;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who sent a request, as a salted hash only. The address is the socket's, or, when the socket is a
 * trusted proxy ({@code spelling.intake.trusted-proxies}), the right-most address in
 * {@code X-Forwarded-For} that is not a trusted proxy: everything left of it is whatever the client
 * chose to send, so only that one address is believable.
 */
public final class Clients {

    private static final String HASH_ATTRIBUTE = Clients.class.getName() + ".hash";

    /** Prefix of what is hashed for a remote address that is not one, so that it never equals an address's text. */
    private static final String NOT_AN_ADDRESS = "not-an-address:";

    private final ClientHasher hasher;

    private final List<AddressRange> trustedProxies;

    Clients(String salt, List<AddressRange> trustedProxies) {
        this.hasher = new ClientHasher(salt);
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /**
     * @param request a request
     * @return the salted hash of the sender's address: what may be stored and published
     */
    public String hash(HttpServletRequest request) {
        Object cached = request.getAttribute(HASH_ATTRIBUTE);
        if (cached instanceof String hash) {
            return hash;
        }
        String hash = hasher.hash(address(request).map(InetAddress::getHostAddress)
                .orElseGet(() -> NOT_AN_ADDRESS + request.getRemoteAddr()));
        request.setAttribute(HASH_ATTRIBUTE, hash);
        return hash;
    }

    /**
     * The rate limits' key: the address hash, for IPv6 of the /64 network, since one household or
     * server usually holds a whole /64 and could otherwise use a fresh address per request.
     */
    String limitKey(HttpServletRequest request) {
        Optional<InetAddress> address = address(request);
        if (address.isPresent() && address.get() instanceof Inet6Address) {
            return hasher.hash(new AddressRange(address.get(), 64).networkText());
        }
        return hash(request);
    }

    /**
     * @return the reader's address; empty when the servlet container's remote address is not one:
     *         with {@code server.forward-headers-strategy=native}, Tomcat's RemoteIpValve copies the
     *         forwarded-for hop it stops at unchecked ({@code unknown} from a proxy that hides its
     *         clients, or whatever a reader on a private network wrote), and such a reader is known
     *         by that text
     */
    Optional<InetAddress> address(HttpServletRequest request) {
        Optional<InetAddress> remote = AddressRange.literal(request.getRemoteAddr());
        if (remote.isEmpty()) {
            return remote;
        }
        InetAddress socket = remote.get();
        if (!trusted(socket)) {
            return Optional.of(socket);
        }
        InetAddress nearest = socket;
        for (String hop : forwardedForRightToLeft(request)) {
            Optional<InetAddress> address = AddressRange.literal(withoutPort(hop));
            if (address.isEmpty()) {
                // A trusted proxy would not write this: stop at the last address known to be real.
                return Optional.of(nearest);
            }
            nearest = address.get();
            if (!trusted(nearest)) {
                return Optional.of(nearest);
            }
        }
        return Optional.of(nearest);
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    private static List<String> forwardedForRightToLeft(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        Collections.reverse(hops);
        return hops;
    }

    /** @return the address of a hop a proxy wrote with its port: {@code 203.0.113.7:4711}, {@code [2001:db8::7]:4711} */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return (close > 0) ? hop.substring(1, close) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
    }

}
