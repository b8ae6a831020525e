package dev.treue.training.files;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under another scheme, {@code mounted:///tmp/x}: a Hadoop file system that
 * {@code java.nio} cannot open, standing in for {@code hdfs://} and {@code s3a://} in tests. Code
 * that reaches it went through Hadoop's {@code FileSystem}, as it must on a cluster.
 */
public class MountedFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "mounted";

  /** Registers the scheme for this JVM's Spark sessions, the current one and those to come. */
  public static void register(Configuration current) {
    String impl = MountedFileSystem.class.getName();
    current.set("fs." + SCHEME + ".impl", impl);
    System.setProperty("spark.hadoop.fs." + SCHEME + ".impl", impl);
  }

  /** {@code mounted:///abs/path} for a local path. */
  public static String uri(java.nio.file.Path local) {
    return SCHEME + "://" + local.toAbsolutePath();
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }
}
