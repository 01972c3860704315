package io.github.spellingreports.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 by hand, for what ordinary clients refuse to send: a broken URL escape, bytes that are
 * not UTF-8, or a request from another loopback address (127.0.0.2) than the usual one.
 */
final class RawHttp {

    private RawHttp() {
    }

    static Response send(int port, String from, String head, byte[] body) {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String request = head.strip() + "\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                    + (body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n";
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            return Response.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static Response postJson(int port, String from, String extraHeaders, String json) {
        return send(port, from, "POST /api/v1/reports HTTP/1.1\r\nContent-Type: application/json\r\n" + extraHeaders,
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** What came back: status, header lines (lower-case names) and the rest. */
    record Response(int status, List<String> headers, String body) {

        static Response parse(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            List<String> lines = Arrays.asList(raw.substring(0, end).split("\r\n"));
            int status = Integer.parseInt(lines.get(0).split(" ")[1]);
            List<String> headers = lines.subList(1, lines.size()).stream()
                    .map(line -> line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT) + line.substring(line.indexOf(':')))
                    .toList();
            return new Response(status, headers, raw.substring(end + 4));
        }

        List<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(line -> line.startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip()).toList();
        }

    }

}
