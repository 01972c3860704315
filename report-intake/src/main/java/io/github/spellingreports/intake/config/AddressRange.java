package io.github.spellingreports.intake.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address or a CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 127.0.0.1}),
 * as written in {@code spelling.intake.trusted-proxies}.
 *
 * @param network the block's first address (host bits as given)
 * @param prefixLength how many leading bits must match
 */
public record AddressRange(InetAddress network, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public AddressRange {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix /" + prefixLength + " is not between /0 and /" + bits);
        }
    }

    /**
     * Reads the settings form; Spring's conversion service finds this method by its name.
     * @param text an IP address, optionally with {@code /prefix}
     * @return the range
     * @throws IllegalArgumentException when the text is not an IP address or CIDR block
     */
    public static AddressRange valueOf(String text) {
        String[] parts = text.strip().split("/", 2);
        InetAddress address = literal(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block"));
        int bits = address.getAddress().length * 8;
        try {
            return new AddressRange(address, parts.length == 1 ? bits : Integer.parseInt(parts[1].strip()));
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block", ex);
        }
    }

    /**
     * Parses an IP address literal, never asking DNS: text that is not a literal is refused, not resolved.
     * @param text such as {@code 203.0.113.7}, {@code 2001:db8::1} or {@code [2001:db8::1]}
     * @return the address, empty when the text is not an IP literal
     */
    public static Optional<InetAddress> literal(String text) {
        String candidate = text.strip();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        int zone = candidate.indexOf('%');
        if (zone > 0) {
            // A link-local address's zone (fe80::1%eth0) names an interface, not a different address.
            candidate = candidate.substring(0, zone);
        }
        boolean ipv4 = IPV4.matcher(candidate).matches();
        // Only literals reach getByName, which then parses them without any lookup; it takes text as a
        // literal only when it begins with a hex digit or a colon, and asks DNS for anything else (".::1").
        if (!ipv4 && !(IPV6.matcher(candidate).matches() && !candidate.isEmpty()
                && (Character.digit(candidate.charAt(0), 16) >= 0 || candidate.charAt(0) == ':'))) {
            return Optional.empty();
        }
        if (ipv4 && !octetsInRange(candidate)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(candidate));
        }
        catch (UnknownHostException | IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    /**
     * @param address any address
     * @return whether it lies in this range (an IPv4 address never lies in an IPv6 range and vice versa)
     */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] prefix = network.getAddress();
        if (candidate.length != prefix.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != prefix[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = 0xFF << (8 - restBits) & 0xFF;
        return (candidate[fullBytes] & mask) == (prefix[fullBytes] & mask);
    }

    /** @return the block's network address (host bits cleared) with its prefix, e.g. {@code 2001:db8:0:0:0:0:0:0/64} */
    public String networkText() {
        byte[] bytes = network.getAddress();
        for (int bit = prefixLength; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefixLength;
        }
        catch (UnknownHostException ex) {
            throw new IllegalStateException("an address of valid length was refused", ex);
        }
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static boolean octetsInRange(String ipv4) {
        for (String octet : ipv4.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

}
