package dev.treue.training.registry;

import dev.treue.core.registry.RegistryException;
import dev.treue.core.registry.RegistryFiles;
import dev.treue.training.files.Location;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The registry's root on a Hadoop file system, addressed by paths relative to the root
 * ({@code "churn/CURRENT"}). Small files are replaced by writing a temporary sibling and renaming
 * it, because S3 has no append and HDFS readers must never see a half-written pointer. Failures
 * surface as one-line {@link RegistryException}s naming the registry. The Hadoop side of core's
 * {@link RegistryFiles} port, so core's reader reads {@code hdfs:} and {@code s3a:} registries too.
 */
final class RegistryFileSystem implements RegistryFiles, AutoCloseable {
  private final FileSystem fs;
  private final Path root;

  private RegistryFileSystem(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  /** A URI ({@code hdfs://nn/models}) as is; a plain path, relative or absolute, as a local folder. */
  static RegistryFileSystem open(String rootUri, Configuration conf) throws IOException {
    // A plain path is always local, even where fs.defaultFS points at HDFS: "models" must mean
    // the folder beside the user, as the CLI default promises. Clusters pass hdfs:// or s3a://.
    URI uri = Location.uri(rootUri);
    // Our own instance, not the JVM-wide cached one Spark shares: we switch off checksum files
    // (no .crc clutter in local bundles) and close it ourselves.
    FileSystem fs = FileSystem.newInstance(uri, conf);
    fs.setWriteChecksum(false);
    fs.setVerifyChecksum(false);
    return new RegistryFileSystem(fs, fs.makeQualified(new Path(uri)));
  }

  String rootUri() {
    return root.toString();
  }

  @Override
  public String describe(String relative) {
    return uri(relative);
  }

  String uri(String relative) {
    return resolve(relative).toString();
  }

  /** The local folder behind a relative path, when the registry lives on the local disk. */
  Optional<java.nio.file.Path> localPath(String relative) {
    if (!"file".equals(fs.getScheme())) {
      return Optional.empty();
    }
    return Optional.of(Paths.get(resolve(relative).toUri()));
  }

  @Override
  public boolean exists(String relative) {
    return unchecked(() -> fs.exists(resolve(relative)));
  }

  @Override
  public List<String> folders(String relative) {
    return unchecked(
        () -> {
          List<String> names = new ArrayList<>();
          try {
            for (FileStatus st : fs.listStatus(resolve(relative))) {
              if (st.isDirectory()) {
                names.add(st.getPath().getName());
              }
            }
          } catch (FileNotFoundException e) {
            return names;
          }
          names.sort(null);
          return names;
        });
  }

  /** Every file below a folder, with paths relative to it, sorted. */
  List<BundleFile> files(String relative) {
    return unchecked(() -> listFiles(relative));
  }

  private List<BundleFile> listFiles(String relative) throws IOException {
    Path dir = resolve(relative);
    String prefix = dir.toUri().getPath() + "/";
    List<BundleFile> files = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      LocatedFileStatus st = it.next();
      files.add(
          new BundleFile(st.getPath().toUri().getPath().substring(prefix.length()), st.getLen()));
    }
    files.sort((a, b) -> a.name().compareTo(b.name()));
    return files;
  }

  @Override
  public byte[] read(String relative) {
    return unchecked(
        () -> {
          try (InputStream in = fs.open(resolve(relative))) {
            return in.readAllBytes();
          }
        });
  }

  /** Replaces a small file: the new content appears whole or not at all where rename is atomic. */
  void replace(String relative, byte[] content) {
    unchecked(() -> replaceFile(relative, content));
  }

  private Void replaceFile(String relative, byte[] content) throws IOException {
    try {
      Location.on(fs, resolve(relative)).write(content);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return null;
  }

  /**
   * Copies a local folder to {@code relative}: first into {@code relative.tmp}, then one rename,
   * so a reader never lists a half-copied version.
   */
  void upload(java.nio.file.Path localDir, String relative) {
    unchecked(() -> uploadFolder(localDir, relative));
  }

  private Void uploadFolder(java.nio.file.Path localDir, String relative) throws IOException {
    Path target = resolve(relative);
    Path tmp = new Path(target.getParent(), target.getName() + ".tmp");
    fs.delete(tmp, true);
    fs.mkdirs(tmp);
    try (Stream<java.nio.file.Path> walk = Files.walk(localDir)) {
      for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) walk.sorted()::iterator) {
        String rel = localDir.relativize(p).toString().replace(File.separatorChar, '/');
        if (rel.isEmpty()) {
          continue;
        }
        if (Files.isDirectory(p)) {
          fs.mkdirs(new Path(tmp, rel));
        } else {
          try (OutputStream out = fs.create(new Path(tmp, rel), false)) {
            Files.copy(p, out);
          }
        }
      }
    }
    if (!fs.rename(tmp, target)) {
      throw new IOException(
          "could not rename " + tmp + " to " + target + " (does it exist already?)");
    }
    return null;
  }

  /** Copies every file below {@code relative} into {@code localDir}, keeping sub-folders. */
  void download(String relative, java.nio.file.Path localDir) {
    unchecked(
        () -> {
          Files.createDirectories(localDir);
          for (BundleFile f : listFiles(relative)) {
            java.nio.file.Path target = localDir.resolve(f.name());
            Files.createDirectories(target.getParent());
            try (InputStream in = fs.open(resolve(relative + "/" + f.name()))) {
              Files.copy(in, target);
            }
          }
          return null;
        });
  }

  private Path resolve(String relative) {
    return relative.isEmpty() ? root : new Path(root, relative);
  }

  @Override
  public void close() {
    unchecked(
        () -> {
          fs.close();
          return null;
        });
  }

  private <T> T unchecked(IoAction<T> action) {
    try {
      return action.run();
    } catch (IOException e) {
      throw new RegistryException("model registry " + root + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface IoAction<T> {
    T run() throws IOException;
  }
}
