package io.github.spellingreports.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for servers tests start themselves, always on 127.0.0.1. */
public final class LocalPorts {

    private LocalPorts() {
    }

    /** @return a TCP port on 127.0.0.1 that was free a moment ago */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
