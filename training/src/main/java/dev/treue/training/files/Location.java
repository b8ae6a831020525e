package dev.treue.training.files;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * A file or folder on any Hadoop file system, for what the jobs read and write beside Spark (a data
 * folder's tables, a validated folder's manifests): the same code reads a local folder,
 * {@code hdfs://} and {@code s3a://}, so a job runs unchanged under {@code spark-submit}.
 *
 * <p>A plain path, relative or absolute, is on the local disk, even where {@code fs.defaultFS}
 * points at HDFS, so that {@code --data sample} means the folder beside the user; a URI is reached
 * through the file system its scheme names, with the Spark session's Hadoop configuration (its
 * credentials and {@code spark.hadoop.*} settings). Messages show a local location as its path and
 * any other as its URI. Failures are {@link UncheckedIOException}s naming the location.
 */
public final class Location {
  private static final Pattern HAS_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");
  private static final Configuration LOCAL = new Configuration();

  private final FileSystem fs;
  private final Path path;

  private Location(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  /**
   * The location {@code text} names: a URI as it is, a plain path as a local file or folder.
   *
   * @param conf the Hadoop configuration for file systems other than the local disk
   */
  public static Location of(String text, Configuration conf) {
    URI uri = uri(text);
    try {
      FileSystem fs = FileSystem.get(uri, conf);
      // the local disk without checksum files: a manifest written here gets no .crc beside it
      if (fs instanceof LocalFileSystem local) {
        fs = local.getRawFileSystem();
      }
      return new Location(fs, fs.makeQualified(new Path(uri)));
    } catch (IOException | RuntimeException e) {
      // Hadoop names a scheme whose jar is missing (s3a without hadoop-aws) by a bare
      // ClassNotFoundException: say what it means.
      throw new UncheckedIOException(
          "cannot reach "
              + text
              + ": "
              + firstLine(e)
              + " (is the file system for "
              + uri.getScheme()
              + ": on the classpath, with --jars, and configured?)",
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** {@code path} on {@code fs}, for callers that hold their own file system instance. */
  public static Location on(FileSystem fs, Path path) {
    return new Location(fs, fs.makeQualified(path));
  }

  /** The location {@code text} names, reached with the session's Hadoop configuration. */
  public static Location of(String text, SparkSession spark) {
    return of(text, spark.sparkContext().hadoopConfiguration());
  }

  /** A local file or folder. */
  public static Location local(java.nio.file.Path p) {
    return of(p.toAbsolutePath().normalize().toString(), LOCAL);
  }

  /**
   * The URI a location's text names: a URI ({@code hdfs://nn/models}) as it is, a plain path,
   * relative or absolute, as the local file it names; without a trailing slash, so that messages
   * read {@code models/churn}, not {@code models//churn}.
   */
  public static URI uri(String text) {
    URI uri;
    try {
      uri =
          HAS_SCHEME.matcher(text).matches()
              ? new URI(text)
              : Paths.get(text).toAbsolutePath().normalize().toUri();
    } catch (URISyntaxException | InvalidPathException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is neither a local path nor a URI (" + e.getMessage() + ")", e);
    }
    String s = uri.toString();
    if (s.endsWith("/") && uri.getPath() != null && uri.getPath().length() > 1) {
      uri = URI.create(s.substring(0, s.length() - 1));
    }
    return uri;
  }

  /**
   * How messages and reports show the location {@code text} names, without reaching it: a local
   * one as its absolute path, any other as its URI.
   */
  public static String shown(String text) {
    URI uri = uri(text);
    return "file".equals(uri.getScheme()) ? Paths.get(uri).toString() : uri.toString();
  }

  /** The file or folder {@code name} inside this folder. */
  public Location resolve(String name) {
    return new Location(fs, new Path(path, name));
  }

  /** The folder holding this one, or this one at the root. */
  public Location parent() {
    Path p = path.getParent();
    return p == null ? this : new Location(fs, p);
  }

  /** The last part of the location: {@code events.csv}. */
  public String name() {
    return path.getName();
  }

  /** The fully qualified URI, for Spark's readers and writers. */
  public String uri() {
    return path.toString();
  }

  /** The local file behind this location, when it is on the local disk. */
  public Optional<java.nio.file.Path> localPath() {
    return isLocal() ? Optional.of(Paths.get(path.toUri())) : Optional.empty();
  }

  private boolean isLocal() {
    return "file".equals(fs.getUri().getScheme());
  }

  /** True when {@code other} is this location or inside it (on the same file system). */
  public boolean contains(Location other) {
    String mine = uri();
    String theirs = other.uri();
    return theirs.equals(mine) || theirs.startsWith(mine.endsWith("/") ? mine : mine + "/");
  }

  public boolean exists() {
    return status().isPresent();
  }

  public boolean isFolder() {
    return status().map(FileStatus::isDirectory).orElse(false);
  }

  public boolean isFile() {
    return status().map(FileStatus::isFile).orElse(false);
  }

  private Optional<FileStatus> status() {
    try {
      return Optional.of(fs.getFileStatus(path));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw failure("read", e);
    }
  }

  /** Bytes in this file, or in every file under this folder; 0 when nothing is there. */
  public long size() {
    try {
      return fs.getContentSummary(path).getLength();
    } catch (FileNotFoundException e) {
      return 0;
    } catch (IOException e) {
      throw failure("measure", e);
    }
  }

  /**
   * One entry of a folder.
   *
   * @param name the entry's name in the folder
   * @param folder true for a folder
   * @param length a file's size in bytes; 0 for a folder
   */
  public record Entry(String name, boolean folder, long length) {}

  /** The folder's entries by name; empty when the folder does not exist. */
  public List<Entry> list() {
    List<Entry> out = new ArrayList<>();
    try {
      for (FileStatus st : fs.listStatus(path)) {
        out.add(new Entry(st.getPath().getName(), st.isDirectory(), st.getLen()));
      }
    } catch (FileNotFoundException e) {
      return List.of();
    } catch (IOException e) {
      throw failure("list", e);
    }
    out.sort(Comparator.comparing(Entry::name));
    return out;
  }

  /** The whole content of a (small) file. */
  public byte[] readAll() {
    try (InputStream in = fs.open(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw failure("read", e);
    }
  }

  /** Opens the file for reading; the caller closes the stream. */
  public InputStream open() {
    try {
      return fs.open(path);
    } catch (IOException e) {
      throw failure("read", e);
    }
  }

  /**
   * Writes a small file whole: into a hidden sibling first, then one rename, so a reader never sees
   * half of it.
   */
  public void write(byte[] content) {
    Path tmp = new Path(path.getParent(), "." + path.getName() + ".tmp");
    try {
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(content);
      }
      // POSIX and most object stores overwrite on rename; HDFS refuses, so delete and retry there.
      if (!fs.rename(tmp, path)) {
        fs.delete(path, false);
        if (!fs.rename(tmp, path)) {
          throw new IOException("could not rename " + tmp + " to " + path);
        }
      }
    } catch (IOException e) {
      throw failure("write", e);
    }
  }

  /** Copies this file to {@code target}, which must not exist yet. */
  public void copyTo(Location target) {
    try (InputStream in = fs.open(path);
        OutputStream out = target.fs.create(target.path, false)) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot copy " + this + " to " + target + ": " + firstLine(e), e);
    }
  }

  /** Creates the folder and those above it. */
  public void createFolders() {
    try {
      if (!fs.mkdirs(path)) {
        throw new IOException("mkdirs refused");
      }
    } catch (IOException e) {
      throw failure("create", e);
    }
  }

  /** Deletes the file or folder with everything in it; nothing happens when it does not exist. */
  public void delete() {
    try {
      fs.delete(path, true);
    } catch (IOException e) {
      throw failure("delete", e);
    }
  }

  /** Moves this file or folder to {@code target} (same file system), which must not exist. */
  public void moveTo(Location target) {
    try {
      if (!fs.rename(path, target.path)) {
        throw new IOException("rename refused");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot move " + this + " to " + target + ": " + firstLine(e), e);
    }
  }

  private UncheckedIOException failure(String verb, IOException e) {
    return new UncheckedIOException("cannot " + verb + " " + this + ": " + firstLine(e), e);
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    return m.lines().findFirst().orElse(m);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Location l && l.path.equals(path);
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }

  /** A local location as its path ({@code /data/events.csv}), any other as its URI. */
  @Override
  public String toString() {
    return isLocal() ? path.toUri().getPath() : uri();
  }
}
