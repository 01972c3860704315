package io.github.spellingreports.testsupport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte to a server on 127.0.0.1, for requests no HTTP client sends: an
 * address with raw UTF-8 in it (as curl sends what is typed), a broken URL escape, a malformed
 * request line, a request from another loopback address (127.0.0.2) than the usual one. The
 * request is sent as given, with {@code Connection: close} added, and the response read to its end.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * @param port a port on 127.0.0.1
     * @param requestLine e.g. {@code GET /api?q=превет HTTP/1.1}, sent in UTF-8
     * @param headers header lines ({@code Name: value}); {@code Host} and {@code Connection: close} are added
     * @return the response
     */
    public static Response send(int port, String requestLine, String... headers) {
        return exchange(InetAddress.getLoopbackAddress(), port, requestLine, headers, new byte[0]);
    }

    /**
     * A JSON POST to the intake's report endpoint from another loopback address than the usual
     * one (127.0.0.2, say), as a second client would send it.
     * @param port a port on 127.0.0.1
     * @param from the local address to send from, e.g. {@code 127.0.0.2}
     * @param json the body
     * @param headers more header lines; {@code Content-Type}, {@code Content-Length}, {@code Host} and
     *        {@code Connection: close} are added
     * @return the response
     */
    public static Response postJson(int port, String from, String json, String... headers) {
        String[] all = Arrays.copyOf(headers, headers.length + 1);
        all[headers.length] = "Content-Type: application/json";
        try {
            return exchange(InetAddress.getByName(from), port, "POST /api/v1/reports HTTP/1.1", all,
                    json.getBytes(StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Response exchange(InetAddress from, int port, String requestLine, String[] headers, byte[] body) {
        StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1:").append(port).append("\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        if (body.length > 0) {
            request.append("Content-Length: ").append(body.length).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, from, 0)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return Response.parse(socket.getInputStream().readAllBytes());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A response as read.
     * @param status the status code
     * @param headers the headers, names in lower case
     * @param body the body, decoded as UTF-8 (and de-chunked)
     */
    public record Response(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return this.headers.get(name.toLowerCase(Locale.ROOT));
        }

        static Response parse(byte[] bytes) throws IOException {
            String all = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = all.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new IOException("no complete response head in: " + all);
            }
            String[] lines = all.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            byte[] body = Arrays.copyOfRange(bytes, end + 4, bytes.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(new ByteArrayInputStream(body));
            }
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private static byte[] dechunk(InputStream in) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                StringBuilder size = new StringBuilder();
                int c;
                while ((c = in.read()) != -1 && c != '\n') {
                    if (c != '\r') {
                        size.append((char) c);
                    }
                }
                int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
                if (length == 0) {
                    return out.toByteArray();
                }
                out.write(in.readNBytes(length));
                in.readNBytes(2);
            }
        }

    }

}
