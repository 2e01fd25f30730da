package com.postr.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Requests over one kept-alive HTTP/1.1 connection, written straight to a socket. The JDK client spends more CPU per
 * request than the endpoints it measures, and on two shared cores that would be counted against the app; with
 * hundreds of requests in flight it also opens a connection for each and falls behind its own schedule.
 */
final class KeepAliveHttp implements AutoCloseable {

    private final String host;
    private final int port;
    private final String bearer;
    private final String target;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveHttp(URI url, String bearer) {
        this.host = url.getHost();
        this.port = url.getPort();
        this.bearer = bearer;
        this.target = url.getRawQuery() == null ? url.getRawPath() : url.getRawPath() + "?" + url.getRawQuery();
    }

    /** GETs the URL given at construction, reads the whole answer and returns its status. */
    int get() throws IOException {
        return get(target);
    }

    /** GETs another path (with its query) of the same server on the same connection. */
    int get(String pathAndQuery) throws IOException {
        return exchange("GET", pathAndQuery, Map.of(), null, false, false).status();
    }

    /** An answer: its status, its headers (names in lower case) and, if asked for, its body. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /**
     * Sends a request and reads its answer. A request on a connection the server has meanwhile closed (its idle
     * time-out) is sent once more on a new one; only idempotent requests may ask for that ({@code resend}).
     */
    Answer exchange(String method, String pathAndQuery, Map<String, String> headers, String body, boolean resend)
            throws IOException {
        return exchange(method, pathAndQuery, headers, body, resend, true);
    }

    private Answer exchange(String method, String pathAndQuery, Map<String, String> headers, String body,
                            boolean resend, boolean keepBody) throws IOException {
        var head = new StringBuilder(256).append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\nHost: ")
                .append(host).append(':').append(port).append("\r\nAccept: application/json\r\n");
        if (bearer != null) {
            head.append("Authorization: Bearer ").append(bearer).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        boolean reused = socket != null;
        try {
            return send(request, content, keepBody);
        } catch (IOException e) {
            close();
            if (!reused || !resend) {
                throw e;
            }
            return send(request, content, keepBody);
        }
    }

    private Answer send(byte[] request, byte[] content, boolean keepBody) throws IOException {
        if (socket == null) {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        try {
            out.write(request);
            out.write(content);
            out.flush();
            return readResponse(keepBody);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** Reads the answer; the body is kept only if asked, and otherwise skipped unread. */
    private Answer readResponse(boolean keepBody) throws IOException {
        var status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean keepAlive = true;
        var headers = new HashMap<String, String>();
        for (var header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            var name = header.substring(0, Math.max(colon, 0)).strip().toLowerCase(Locale.ROOT);
            var value = header.substring(colon + 1).strip();
            headers.put(name, value);
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            } else if (name.equals("connection") && value.toLowerCase(Locale.ROOT).contains("close")) {
                keepAlive = false;
            }
        }
        var body = keepBody ? new ByteArrayOutputStream() : null;
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                take(size, body);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            take(length, body);
        }
        if (!keepAlive) {
            close();
        }
        return new Answer(code, headers, body == null ? null : body.toString(StandardCharsets.UTF_8));
    }

    private void take(long bytes, ByteArrayOutputStream into) throws IOException {
        if (into == null) {
            skip(bytes);
            return;
        }
        for (long left = bytes; left > 0; left--) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed mid-answer");
            }
            into.write(b);
        }
    }

    private long chunkSize() throws IOException {
        var size = line();
        int extension = size.indexOf(';');
        return Long.parseLong(extension < 0 ? size.trim() : size.substring(0, extension).trim(), 16);
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed mid-answer");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private String line() throws IOException {
        var line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-answer");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
            socket = null;
        }
    }
}
