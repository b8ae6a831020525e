package dev.treue.training.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * Versioned model bundles under {@code <root>/<kind>/<version>/} on any Hadoop-compatible file
 * system, so the same code runs on a laptop folder and on HDFS or S3. Per kind, {@code CURRENT}
 * names the version the service and the batch scorer load, and {@code history.jsonl} records every
 * change of it. Versions are never deleted or overwritten; a version the quality gate refused stays
 * listed for comparison.
 *
 * <p>Loading a bundle: {@link #localPathIfLocal} gives the folder itself when the registry is on the
 * local disk (no copy); otherwise {@link #copyToLocal} fetches it. {@link #localBundle} does
 * whichever applies. Not safe for two writers publishing to the same kind at once.
 */
public final class ModelRegistry implements AutoCloseable {
  /** The kind commands use when {@code --kind} is absent. */
  public static final String DEFAULT_KIND = "churn";
  /** The file naming a kind's current version. */
  public static final String CURRENT_FILE = "CURRENT";
  private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_-]*");

  private final RegistryFileSystem files;

  private ModelRegistry(RegistryFileSystem files) {
    this.files = files;
  }

  /** Opens a registry at a URI ({@code hdfs://nn/models}, {@code s3a://b/models}) or local path. */
  public static ModelRegistry open(String rootUri) {
    return open(rootUri, new Configuration());
  }

  /** Opens a registry with an explicit Hadoop configuration (credentials, name nodes). */
  public static ModelRegistry open(String rootUri, Configuration conf) {
    try {
      return new ModelRegistry(RegistryFileSystem.open(rootUri, conf));
    } catch (IOException | RuntimeException e) {
      throw new RegistryException("cannot open model registry '" + rootUri + "': " + e.getMessage(), e);
    }
  }

  /** The registry root as a qualified URI. */
  public String root() {
    return files.rootUri();
  }

  /** Kinds that have a folder, sorted. */
  public List<String> kinds() {
    List<String> kinds = new ArrayList<>();
    for (String name : io(() -> files.folders(""))) {
      if (KIND.matcher(name).matches()) {
        kinds.add(name);
      }
    }
    return kinds;
  }

  /** A fresh version name, later than every one this JVM issued before. */
  public String newVersion() {
    return VersionName.next(Instant.now(), Optional.empty());
  }

  /** Publishes a trained bundle under a fresh version name; see {@link #publish(String, String, Path, QualityGate)}. */
  public PublishResult publish(String kind, Path stagingDir, QualityGate gate) {
    checkKind(kind);
    return publish(kind, VersionName.next(Instant.now(), newest(kind)), stagingDir, gate);
  }

  /**
   * Copies {@code stagingDir} to a new version folder, then lets the gate decide whether it becomes
   * current. The version is stored either way.
   *
   * @param version a name from {@link #newVersion()}, so the trainer can record it in its files
   */
  public PublishResult publish(String kind, String version, Path stagingDir, QualityGate gate) {
    checkKind(kind);
    if (!VersionName.isVersion(version)) {
      throw new RegistryException("'" + version + "' is not a version name (expected like "
          + "20261122-223501-ab12cd, see ModelRegistry.newVersion())");
    }
    if (!Files.isDirectory(stagingDir)) {
      throw new RegistryException("staging folder " + stagingDir + " does not exist");
    }
    if (io(() -> files.exists(kind + "/" + version))) {
      throw new RegistryException("version " + version + " of '" + kind + "' exists already");
    }
    Optional<String> previous = current(kind);
    Optional<QualityGate.CurrentModel> currentModel =
        previous.map(v -> new QualityGate.CurrentModel(v, metrics(kind, v)));
    io(() -> {
      files.upload(stagingDir, kind + "/" + version);
      return null;
    });
    GateDecision decision = gate.evaluate(metrics(kind, version), currentModel);
    if (decision.passed()) {
      makeCurrent(kind, version, HistoryAction.GATE_PASS, decision.reason());
    } else {
      appendHistory(kind, new HistoryEntry(Instant.now(), HistoryAction.GATE_REFUSED, version,
          decision.reason()));
    }
    return new PublishResult(kind, version, decision.passed(), decision.reason(), previous);
  }

  /** Every version of a kind, oldest first, with its metrics and which one is current. */
  public List<ModelVersion> list(String kind) {
    checkKindExists(kind);
    Optional<String> current = current(kind);
    List<ModelVersion> out = new ArrayList<>();
    for (String v : versions(kind)) {
      out.add(new ModelVersion(v, VersionName.created(v), metricsOrEmpty(kind, v),
          current.map(v::equals).orElse(false)));
    }
    return out;
  }

  /** The current version of a kind; empty when none was made current yet or the kind is unknown. */
  public Optional<String> current(String kind) {
    checkKind(kind);
    String pointer = kind + "/" + CURRENT_FILE;
    if (!io(() -> files.exists(pointer))) {
      return Optional.empty();
    }
    String version = new String(io(() -> files.read(pointer)), StandardCharsets.UTF_8).strip();
    return version.isEmpty() ? Optional.empty() : Optional.of(version);
  }

  /** The version folder's qualified URI, e.g. {@code file:/srv/models/churn/20261122-223501-ab12cd}. */
  public String versionPath(String kind, String version) {
    checkVersion(kind, version);
    return files.uri(kind + "/" + version);
  }

  /** The bytes of one file of a version, e.g. {@code metrics.json}. */
  public byte[] read(String kind, String version, String fileName) {
    checkVersion(kind, version);
    String path = kind + "/" + version + "/" + fileName;
    if (!io(() -> files.exists(path))) {
      throw new RegistryException("version " + version + " of '" + kind + "' has no file " + fileName);
    }
    return io(() -> files.read(path));
  }

  /** The files of a version with their sizes, sorted by name. */
  public List<BundleFile> files(String kind, String version) {
    checkVersion(kind, version);
    return io(() -> files.files(kind + "/" + version));
  }

  /** A version's {@code metrics.json}. */
  public ModelMetrics metrics(String kind, String version) {
    return ModelMetrics.parse(read(kind, version, ModelMetrics.FILE_NAME),
        kind + "/" + version + "/" + ModelMetrics.FILE_NAME);
  }

  /** The version folder itself when the registry is on the local disk; empty otherwise. */
  public Optional<Path> localPathIfLocal(String kind, String version) {
    checkVersion(kind, version);
    return files.localPath(kind + "/" + version);
  }

  /** Copies a version's files into {@code localDir} (created when missing) and returns it. */
  public Path copyToLocal(String kind, String version, Path localDir) {
    checkVersion(kind, version);
    io(() -> {
      files.download(kind + "/" + version, localDir);
      return null;
    });
    return localDir;
  }

  /**
   * A local folder holding the version: the folder itself for a local registry, otherwise a new
   * temporary folder that the caller deletes when done.
   */
  public Path localBundle(String kind, String version) {
    Optional<Path> local = localPathIfLocal(kind, version);
    if (local.isPresent()) {
      return local.get();
    }
    Path tmp = io(() -> Files.createTempDirectory("treue-" + kind + "-" + version + "-"));
    return copyToLocal(kind, version, tmp);
  }

  /** The kind's history, oldest first; empty when nothing happened yet. */
  public List<HistoryEntry> history(String kind) {
    checkKind(kind);
    String path = kind + "/" + ModelHistory.FILE_NAME;
    if (!io(() -> files.exists(path))) {
      return List.of();
    }
    return ModelHistory.parse(new String(io(() -> files.read(path)), StandardCharsets.UTF_8),
        files.uri(path));
  }

  /** Makes a version current by hand, bypassing the gate; recorded in the history. */
  public HistoryEntry promote(String kind, String version) {
    checkVersion(kind, version);
    if (current(kind).map(version::equals).orElse(false)) {
      throw new RegistryException("version " + version + " of '" + kind + "' is current already");
    }
    return makeCurrent(kind, version, HistoryAction.PROMOTE, "promoted by hand");
  }

  /** Makes the previous current version current again; fails when there is none. */
  public HistoryEntry rollback(String kind) {
    checkKindExists(kind);
    String from = current(kind).orElseThrow(() -> new RegistryException(
        "no current '" + kind + "' model in " + root() + ", nothing to roll back"));
    String to = ModelHistory.rollbackTarget(history(kind)).orElseThrow(() -> new RegistryException(
        "no earlier current '" + kind + "' model to roll back to; " + from + " is the first"));
    checkVersion(kind, to);
    return makeCurrent(kind, to, HistoryAction.ROLLBACK, "rolled back from " + from);
  }

  @Override
  public void close() {
    io(() -> {
      files.close();
      return null;
    });
  }

  private HistoryEntry makeCurrent(String kind, String version, HistoryAction action, String reason) {
    io(() -> {
      files.replace(kind + "/" + CURRENT_FILE, (version + "\n").getBytes(StandardCharsets.UTF_8));
      return null;
    });
    HistoryEntry entry = new HistoryEntry(Instant.now(), action, version, reason);
    appendHistory(kind, entry);
    return entry;
  }

  private void appendHistory(String kind, HistoryEntry entry) {
    String path = kind + "/" + ModelHistory.FILE_NAME;
    // Read and rewrite rather than append: S3 cannot append, and the file stays small.
    byte[] old = io(() -> files.exists(path) ? files.read(path) : new byte[0]);
    byte[] line = ModelHistory.line(entry);
    byte[] all = new byte[old.length + line.length];
    System.arraycopy(old, 0, all, 0, old.length);
    System.arraycopy(line, 0, all, old.length, line.length);
    io(() -> {
      files.replace(path, all);
      return null;
    });
  }

  private List<String> versions(String kind) {
    List<String> out = new ArrayList<>();
    for (String name : io(() -> files.folders(kind))) {
      if (VersionName.isVersion(name)) {
        out.add(name);
      }
    }
    return out;
  }

  private Optional<String> newest(String kind) {
    List<String> all = versions(kind);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  private ModelMetrics metricsOrEmpty(String kind, String version) {
    try {
      return metrics(kind, version);
    } catch (RegistryException e) {
      return ModelMetrics.empty();
    }
  }

  private void checkKind(String kind) {
    if (kind == null || !KIND.matcher(kind).matches()) {
      throw new RegistryException("'" + kind + "' is not a model kind (expected lower-case like churn, offers, clv)");
    }
  }

  private void checkKindExists(String kind) {
    checkKind(kind);
    if (!versions(kind).isEmpty()) {
      return;
    }
    List<String> kinds = kinds();
    if (kinds.isEmpty()) {
      throw new RegistryException("model registry " + root() + " is empty; publish a model first (./treue train churn)");
    }
    throw new RegistryException("model registry " + root() + " has no '" + kind + "' models; kinds there: "
        + String.join(", ", kinds));
  }

  private void checkVersion(String kind, String version) {
    checkKindExists(kind);
    if (version == null || !VersionName.isVersion(version) || !io(() -> files.exists(kind + "/" + version))) {
      throw new RegistryException("no version '" + version + "' of '" + kind + "' in " + root()
          + "; see ./treue models list --kind " + kind);
    }
  }

  /** Turns the file system's checked exceptions into one-line registry errors. */
  private <T> T io(IoAction<T> action) {
    try {
      return action.run();
    } catch (IOException e) {
      throw new RegistryException("model registry " + root() + ": " + e.getMessage(),
          new UncheckedIOException(e));
    }
  }

  @FunctionalInterface
  private interface IoAction<T> {
    T run() throws IOException;
  }
}
