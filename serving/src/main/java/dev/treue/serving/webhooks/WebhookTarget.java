package dev.treue.serving.webhooks;

import dev.treue.store.RedisEndpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which URLs a webhook may point at. Only {@code http} and {@code https} with a host, no user
 * information (credentials in a URL end up in logs) and no fragment. Unless private targets are
 * allowed, every address the host resolves to must be public: loopback, private (RFC 1918, unique
 * local), link-local (the cloud metadata address 169.254.169.254 among them), carrier-grade NAT,
 * wildcard and multicast addresses are refused, so a subscription cannot make the service probe its
 * own network. The service's own Redis (host and port) is refused always. Checked when a
 * subscription is written and again before each attempt (a name may resolve elsewhere later).
 */
public final class WebhookTarget {
  private final boolean allowPrivate;
  private final List<InetSocketAddress> redisNodes;

  /**
   * @param allowPrivate accept loopback, private and link-local targets
   * @param redisNodes the service's Redis nodes (host and port), refused always
   */
  public WebhookTarget(boolean allowPrivate, List<InetSocketAddress> redisNodes) {
    this.allowPrivate = allowPrivate;
    this.redisNodes = List.copyOf(redisNodes);
  }

  /** The URL check of a service on the Redis at {@code redisUrl} (its nodes are refused). */
  public static WebhookTarget forRedis(boolean allowPrivate, String redisUrl) {
    return new WebhookTarget(
        allowPrivate,
        RedisEndpoint.parse(redisUrl).nodes().stream()
            .map(n -> new InetSocketAddress(n.getHost(), n.getPort()))
            .toList());
  }

  /**
   * The URL parsed, or an {@link IllegalArgumentException} saying what is wrong with it and what is
   * expected (the message is shown to the client under the field {@code url}).
   */
  public URI check(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("expected an http(s) URL");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "not a URL (" + e.getReason() + "); expected http(s)://host/path");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "scheme '" + uri.getScheme() + "' is not allowed; expected http or https");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "credentials in the URL are not allowed; the signature authenticates deliveries");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("the URL has no host; expected http(s)://host/path");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("a fragment (#...) is not allowed");
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("host '" + uri.getHost() + "' does not resolve");
    }
    for (InetAddress a : addresses) {
      for (InetSocketAddress redis : redisNodes) {
        if (redis.getPort() == port
            && redis.getAddress() != null
            && sameHost(redis.getAddress(), a)) {
          throw new IllegalArgumentException("the URL points at the service's own Redis");
        }
      }
      if (!allowPrivate && !isPublic(a)) {
        throw new IllegalArgumentException(
            "host '"
                + uri.getHost()
                + "' resolves to "
                + a.getHostAddress()
                + ", a loopback, private, link-local or metadata address; allowed only with"
                + " webhook_allow_private_targets");
      }
    }
    return uri;
  }

  private static boolean sameHost(InetAddress redis, InetAddress target) {
    return redis.equals(target)
        || (redis.isLoopbackAddress() || redis.isAnyLocalAddress())
            && (target.isLoopbackAddress() || target.isAnyLocalAddress());
  }

  /** True for an address on the public internet. */
  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isAnyLocalAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (b.length == 4) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      // 0/8 this network, 100.64/10 carrier-grade NAT, 169.254/16 link-local (metadata), 192.0.0/24
      // protocol assignments, 198.18/15 benchmarking, 240/4 reserved.
      return first != 0
          && !(first == 100 && second >= 64 && second < 128)
          && !(first == 169 && second == 254)
          && !(first == 192 && second == 0 && (b[2] & 0xff) == 0)
          && !(first == 198 && (second == 18 || second == 19))
          && first < 240;
    }
    // IPv6: fc00::/7 unique local; IPv4-mapped addresses are checked as IPv4.
    if ((b[0] & 0xfe) == 0xfc) {
      return false;
    }
    boolean mapped = true;
    for (int i = 0; i < 10; i++) {
      mapped &= b[i] == 0;
    }
    if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      try {
        return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return true;
  }
}
