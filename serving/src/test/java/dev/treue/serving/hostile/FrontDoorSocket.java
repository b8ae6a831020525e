package dev.treue.serving.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A raw TCP connection to the service for requests no HTTP client will send: half-sent headers,
 * bodies that never finish, bytes that are not HTTP. Reads the answer as text.
 */
final class FrontDoorSocket implements AutoCloseable {
  private final Socket socket;

  FrontDoorSocket(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(10_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends bytes as they are. */
  FrontDoorSocket send(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends text as UTF-8. */
  FrontDoorSocket send(String text) {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Everything the server sends until it closes the connection or {@code millis} pass without a byte. */
  String readAll(int millis) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      socket.setSoTimeout(millis);
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[8_192];
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      // nothing more for now
    } catch (IOException e) {
      // reset by the server: what was read so far is the answer
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * True when the server closed the connection: a read returns end of stream (or a reset) within
   * {@code millis}; bytes the server sent before closing are skipped.
   */
  boolean closedWithin(int millis) {
    long end = System.nanoTime() + millis * 1_000_000L;
    try {
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[8_192];
      while (System.nanoTime() < end) {
        socket.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
        if (in.read(buf) < 0) {
          return true;
        }
      }
      return false;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** The status code of a raw HTTP answer, -1 when there is none. */
  static int status(String answer) {
    if (!answer.startsWith("HTTP/1.") || answer.length() < 12) {
      return -1;
    }
    return Integer.parseInt(answer.substring(9, 12));
  }

  /** The body of a raw HTTP answer (after the blank line). */
  static String body(String answer) {
    int at = answer.indexOf("\r\n\r\n");
    return at < 0 ? "" : answer.substring(at + 4);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
