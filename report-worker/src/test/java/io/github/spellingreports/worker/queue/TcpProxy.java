package io.github.spellingreports.worker.queue;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on 127.0.0.1 in front of a server, which a test can cut (open connections dropped,
 * new ones closed at once, as when a database host goes away) and restore, on the same port; or
 * whose open connections it can silence (as when a database fails over and its old address drops
 * every packet: neither end is told).
 */
final class TcpProxy implements Closeable {

    private final ServerSocket server;

    private final String targetHost;

    private final int targetPort;

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private final Set<Socket> silenced = ConcurrentHashMap.newKeySet();

    private volatile boolean up = true;

    TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        daemon("tcp-proxy-accept", this::accept).start();
    }

    int port() {
        return this.server.getLocalPort();
    }

    /** Drops every open connection and refuses new ones until {@link #restore()}. */
    void cut() {
        this.up = false;
        this.sockets.forEach(TcpProxy::closeQuietly);
        this.sockets.clear();
    }

    void restore() {
        this.up = true;
    }

    /**
     * From now on nothing passes on the connections open now, in either direction, and neither end
     * is told; they end only when an end closes them. New connections pass as usual.
     */
    void silenceOpenConnections() {
        this.silenced.addAll(this.sockets);
    }

    private void accept() {
        while (!this.server.isClosed()) {
            try {
                Socket client = this.server.accept();
                if (!this.up) {
                    closeQuietly(client);
                    continue;
                }
                Socket target = new Socket(this.targetHost, this.targetPort);
                this.sockets.add(client);
                this.sockets.add(target);
                daemon("tcp-proxy-up", () -> relay(client, target)).start();
                daemon("tcp-proxy-down", () -> relay(target, client)).start();
            }
            catch (IOException ex) {
                // server closed, or the target refused: the client sees its connection closed
            }
        }
    }

    private void relay(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (!this.silenced.contains(from)) {
                    out.write(buffer, 0, read);
                }
            }
        }
        catch (IOException ex) {
            // one side went away: close both below
        }
        finally {
            closeQuietly(from);
            closeQuietly(to);
            this.sockets.remove(from);
            this.sockets.remove(to);
            this.silenced.remove(from);
            this.silenced.remove(to);
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
        try {
            this.server.close();
        }
        catch (IOException ex) {
            // closing anyway
        }
    }

}
