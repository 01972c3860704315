package io.github.spellingreports.worker.mail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An SMTP relay on 127.0.0.1 in front of a real SMTP server (GreenMail), which answers the
 * {@code RCPT TO} of one address itself, as a relay does for a mailbox that no longer exists, and
 * passes everything else on as it is. GreenMail takes every recipient; mail servers do not.
 */
public final class RecipientRefusingRelay implements Closeable {

    /** What Postfix answers for a mailbox it does not know. */
    public static final String USER_UNKNOWN = "550 5.1.1 <%s>: Recipient address rejected: User unknown";

    private final ServerSocket server;

    private final int targetPort;

    private final String refused;

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    /**
     * @param targetPort the SMTP server's port on 127.0.0.1
     * @param refused the address whose {@code RCPT TO} this relay refuses
     */
    public RecipientRefusingRelay(int targetPort, String refused) {
        this.targetPort = targetPort;
        this.refused = refused.toLowerCase(Locale.ROOT);
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        daemon("smtp-relay-accept", this::accept).start();
    }

    public int port() {
        return this.server.getLocalPort();
    }

    private void accept() {
        while (!this.server.isClosed()) {
            try {
                Socket client = this.server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
                this.sockets.add(client);
                this.sockets.add(upstream);
                OutputStream toClient = client.getOutputStream();
                daemon("smtp-relay-down", () -> copy(upstream, client, toClient)).start();
                daemon("smtp-relay-up", () -> commands(client, upstream, toClient)).start();
            }
            catch (IOException ex) {
                // closed
            }
        }
    }

    /** The server's answers, as they are; written under the client stream's lock, as this relay's own. */
    private static void copy(Socket upstream, Socket client, OutputStream toClient) {
        byte[] buffer = new byte[8192];
        try (upstream; client) {
            InputStream in = upstream.getInputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                synchronized (toClient) {
                    toClient.write(buffer, 0, read);
                    toClient.flush();
                }
            }
        }
        catch (IOException ex) {
            // one side closed
        }
    }

    /** The client's lines: commands passed on but the refused recipient's, a message's data as it is. */
    private void commands(Socket client, Socket upstream, OutputStream toClient) {
        try (client; upstream) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream toServer = upstream.getOutputStream();
            boolean data = false;
            for (byte[] line = line(in); line != null; line = line(in)) {
                String text = new String(line, StandardCharsets.ISO_8859_1).strip();
                if (!data && text.toLowerCase(Locale.ROOT).startsWith("rcpt to:")
                        && text.toLowerCase(Locale.ROOT).contains("<" + this.refused + ">")) {
                    synchronized (toClient) {
                        toClient.write((USER_UNKNOWN.formatted(this.refused) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        toClient.flush();
                    }
                    continue;
                }
                toServer.write(line);
                toServer.flush();
                if (data) {
                    data = !text.equals(".");
                }
                else {
                    data = text.equalsIgnoreCase("DATA");
                }
            }
        }
        catch (IOException ex) {
            // one side closed
        }
    }

    /** @return the next line with its line end, or {@code null} at the end of the stream */
    private static byte[] line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return (line.size() > 0) ? line.toByteArray() : null;
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        try {
            this.server.close();
        }
        catch (IOException ex) {
            // closing
        }
        this.sockets.forEach((socket) -> {
            try {
                socket.close();
            }
            catch (IOException ex) {
                // closing
            }
        });
    }

}
