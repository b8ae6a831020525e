package dev.treue.core.feature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The names and order of a feature vector, with a hash that a model bundle records so that a
 * service refuses a model trained on a different definition.
 *
 * @param version bumped whenever a definition changes meaning without changing names
 * @param names feature names in vector order
 */
public record FeatureSpec(String version, List<String> names) {

  public FeatureSpec {
    names = List.copyOf(names);
  }

  /** SHA-256 over the version and the ordered names, hex encoded. */
  public String hash() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(version.getBytes(StandardCharsets.UTF_8));
      for (String name : names) {
        digest.update((byte) '\n');
        digest.update(name.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  /** Number of features. */
  public int size() {
    return names.size();
  }

  /** Position of a feature, or -1. */
  public int indexOf(String name) {
    return names.indexOf(name);
  }
}
