package dev.treue.serving.dashboard;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files under one folder of the classpath (the jar), served by path below a mount point. Read from
 * the class loader only, never from the working directory (a {@code docs/} folder beside the
 * service must not shadow the page), and kept in memory once read: the files are few and small.
 * Each answer carries a strong ETag, so a browser revalidates with a 304 instead of a download.
 */
final class ClasspathAssets {
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "json", "application/json",
          "svg", "image/svg+xml",
          "png", "image/png",
          "map", "application/json");

  /** A file read from the jar. */
  record Asset(Buffer bytes, String contentType, String etag) {}

  private final String root;
  private final String index;
  private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

  /**
   * @param root the classpath folder, without slashes at either end
   * @param index the file a request for the folder itself gets
   */
  ClasspathAssets(String root, String index) {
    this.root = root;
    this.index = index;
  }

  /**
   * Answers a GET for {@code relative} (the path below the mount point, "" for the folder): the
   * file, a 304 when the client holds it, or passes on (to the 404) when there is none.
   */
  void serve(RoutingContext ctx, String relative, String cacheControl) {
    String name = relative.isEmpty() || relative.endsWith("/") ? relative + index : relative;
    if (name.contains("..") || name.contains("//") || name.contains("\\")) {
      ctx.next();
      return;
    }
    Optional<Asset> cached = cache.get(name);
    if (cached != null) {
      send(ctx, cached, cacheControl);
      return;
    }
    ctx.vertx()
        .executeBlocking(() -> cache.computeIfAbsent(name, this::read))
        .onSuccess(found -> send(ctx, found, cacheControl))
        .onFailure(ctx::fail);
  }

  /** True when the name is the folder's index page. */
  boolean isIndex(String relative) {
    return relative.isEmpty()
        || relative.endsWith("/")
        || relative.endsWith("/" + index)
        || relative.equals(index);
  }

  private static void send(RoutingContext ctx, Optional<Asset> found, String cacheControl) {
    if (found.isEmpty()) {
      ctx.next();
      return;
    }
    Asset asset = found.get();
    ctx.response().putHeader("Cache-Control", cacheControl).putHeader("ETag", asset.etag());
    if (asset.etag().equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader("Content-Type", asset.contentType()).end(asset.bytes());
  }

  private Optional<Asset> read(String name) {
    String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    String type = TYPES.get(extension);
    if (type == null) {
      return Optional.empty();
    }
    try (InputStream in =
        ClasspathAssets.class.getClassLoader().getResourceAsStream(root + "/" + name)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      return Optional.of(new Asset(Buffer.buffer(bytes), type, etag(bytes)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
