package io.github.spellingreports.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports on 127.0.0.1 for servers whose port must be known before they start (the
 * KRaft controller address, the intake's own origin).
 */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * @return a port that was free on 127.0.0.1 a moment ago
     */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
