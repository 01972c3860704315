package io.github.spellingreports.intake.abuse;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import io.github.spellingreports.intake.config.AddressRange;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientsTests {

    private final Clients behindProxies = new Clients("salt", ranges("10.0.0.0/8", "2001:db8:ffff::/48"));

    private final Clients direct = new Clients("salt", List.of());

    @Test
    void withoutTrustedProxiesTheSocketAddressIsTheClientAndForwardedForIsIgnored() {
        MockHttpServletRequest request = request("10.0.0.1", "198.51.100.7");

        assertThat(direct.address(request)).contains(address("10.0.0.1"));
    }

    @Test
    void forwardedForFromAnUntrustedSocketIsIgnored() {
        assertThat(behindProxies.address(request("203.0.113.9", "198.51.100.7"))).contains(address("203.0.113.9"));
    }

    @Test
    void theRightMostUntrustedAddressIsTheClientWhateverTheClientPutLeftOfIt() {
        MockHttpServletRequest request = request("10.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.2");

        assertThat(behindProxies.address(request)).contains(address("198.51.100.7"));
    }

    @Test
    void severalForwardedForHeadersFormOneChain() {
        MockHttpServletRequest request = request("10.0.0.1", "198.51.100.7");
        request.addHeader("X-Forwarded-For", "10.0.0.3");

        assertThat(behindProxies.address(request)).contains(address("198.51.100.7"));
    }

    @Test
    void aChainOfOnlyTrustedProxiesEndsAtItsLeftMostAddress() {
        assertThat(behindProxies.address(request("10.0.0.1", "10.0.0.5, 10.0.0.2"))).contains(address("10.0.0.5"));
        assertThat(behindProxies.address(request("10.0.0.1", null))).contains(address("10.0.0.1"));
    }

    @Test
    void somethingThatIsNotAnAddressStopsAtTheLastKnownHopWithoutAskingDns() {
        assertThat(behindProxies.address(request("10.0.0.1", "198.51.100.7, unknown, 10.0.0.2")))
                .contains(address("10.0.0.2"));
        assertThat(behindProxies.address(request("10.0.0.1", "localhost"))).contains(address("10.0.0.1"));
    }

    @Test
    void portsAndBracketsAreUnderstood() {
        assertThat(behindProxies.address(request("10.0.0.1", "198.51.100.7:4711"))).contains(address("198.51.100.7"));
        assertThat(behindProxies.address(request("10.0.0.1", "[2001:db8::7]"))).contains(address("2001:db8::7"));
        // IPv6 with a port, as a proxy that writes ports gives it: was the proxy itself, every reader one client
        assertThat(behindProxies.address(request("10.0.0.1", "[2001:db8::7]:4711"))).contains(address("2001:db8::7"));
        assertThat(direct.address(request("fe80::1%2", null))).contains(address("fe80::1"));
    }

    @Test
    void onlyAHashIsHandedOutAndItIsStablePerAddress() {
        String hash = direct.hash(request("198.51.100.7", null));

        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(direct.hash(request("198.51.100.7", null)))
                .isNotEqualTo(direct.hash(request("198.51.100.8", null)));
    }

    @Test
    void ipv6ClientsAreLimitedPerSlash64() {
        String one = direct.limitKey(request("2001:db8:1:2::1", null));

        assertThat(direct.limitKey(request("2001:db8:1:2:ffff::9", null))).isEqualTo(one);
        assertThat(direct.limitKey(request("2001:db8:1:3::1", null))).isNotEqualTo(one);
        assertThat(direct.hash(request("2001:db8:1:2::1", null)))
                .isNotEqualTo(direct.hash(request("2001:db8:1:2:ffff::9", null)));
    }

    /** What a container with server.forward-headers-strategy=native may give as the remote address. */
    @Test
    void aRemoteAddressThatIsNotOneIsAClientKnownByItsText() {
        assertThat(direct.address(request("unknown", null))).isEmpty();
        assertThat(direct.limitKey(request("unknown", null))).matches("[0-9a-f]{64}")
                .isEqualTo(direct.limitKey(request("unknown", null)))
                .isNotEqualTo(direct.limitKey(request("_hidden", null)));
        assertThat(direct.hash(request("unknown", null))).matches("[0-9a-f]{64}");
    }

    @Test
    void ipv4ClientsAreLimitedPerAddress() {
        assertThat(direct.limitKey(request("198.51.100.7", null))).isNotEqualTo(direct.limitKey(request("198.51.100.8", null)));
    }

    @Test
    void addressRangesMatchByPrefix() {
        AddressRange range = AddressRange.valueOf("192.168.4.0/22");

        assertThat(range.contains(address("192.168.7.255"))).isTrue();
        assertThat(range.contains(address("192.168.8.0"))).isFalse();
        assertThat(range.contains(address("::1"))).isFalse();
        assertThat(AddressRange.valueOf("::1").contains(address("0:0:0:0:0:0:0:1"))).isTrue();
        assertThat(AddressRange.valueOf("0.0.0.0/0").contains(address("203.0.113.1"))).isTrue();
        assertThat(AddressRange.valueOf("2001:db8::1/32").networkText()).isEqualTo("2001:db8:0:0:0:0:0:0/32");
    }

    @Test
    void rangesThatAreNotAddressesAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.valueOf("proxy.example"));
        assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.valueOf("10.0.0.0/33"));
        assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.valueOf("256.1.1.1"));
        assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.valueOf("10.0.0.0/x"));
        // text of an IPv6 literal's characters that InetAddress would look up as a name instead
        assertThat(AddressRange.literal(".::1")).isEmpty();
        assertThat(AddressRange.literal("::1")).isPresent();
        assertThat(AddressRange.literal("a::1")).isPresent();
    }

    private static MockHttpServletRequest request(String socket, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/reports");
        request.setRemoteAddr(socket);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }

    private static List<AddressRange> ranges(String... ranges) {
        return Arrays.stream(ranges).map(AddressRange::valueOf).toList();
    }

    private static InetAddress address(String literal) {
        return AddressRange.literal(literal).orElseThrow();
    }

}
