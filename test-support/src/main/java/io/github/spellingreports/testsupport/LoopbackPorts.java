package io.github.spellingreports.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on 127.0.0.1 for servers a test starts on a port it must know before they start
 * (the KRaft controller address, the intake's own origin).
 * <p>
 * A port is taken from below the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range},
 * 32768 and up by default), not with {@code new ServerSocket(0)}: a port of that range is what
 * every outgoing connection gets as its local port, so between the moment a test learns it and
 * the moment its server binds it, a Kafka or JDBC client of the same test may have connected from
 * it (seen: an intake whose port went to one of the worker's connections while the worker started).
 * No port is handed out twice in one JVM.
 */
public final class LoopbackPorts {

    private static final int LOWEST = 10_000;

    private static final int DEFAULT_EPHEMERAL_START = 32_768;

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private LoopbackPorts() {
    }

    /**
     * @return a port on 127.0.0.1 that was free a moment ago and that no outgoing connection is given
     * @throws UncheckedIOException when no port could be found
     */
    public static synchronized int free() {
        int below = ephemeralStart();
        for (int attempt = 0; below - LOWEST > 1_000 && attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (!HANDED_OUT.contains(port) && bindable(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        // a kernel that leaves nothing below its ephemeral range: the kernel's choice
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static int ephemeralStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip();
            return Integer.parseInt(range.split("\\s+")[0]);
        }
        catch (IOException | RuntimeException ex) {
            return DEFAULT_EPHEMERAL_START;
        }
    }

}
