package dev.treue.training.registry;

import dev.treue.core.registry.ModelKind;
import dev.treue.core.registry.RegistryException;
import dev.treue.core.registry.RegistryReader;
import dev.treue.core.registry.VersionName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 *
 * <p>Reading (kinds, versions, {@code CURRENT}, the version rule) goes through core's
 * {@link RegistryReader}, the same reader the service uses; this class adds writing.
 */
public final class ModelRegistry implements AutoCloseable {
  /** The kind commands use when {@code --kind} is absent. */
  public static final String DEFAULT_KIND = ModelKind.CHURN.folder();

  /** The file naming a kind's current version. */
  public static final String CURRENT_FILE = RegistryReader.CURRENT_FILE;

  private final RegistryFileSystem files;
  private final RegistryLayout layout;

  private ModelRegistry(RegistryFileSystem files) {
    this.files = files;
    this.layout = new RegistryLayout(files);
  }

  /** Opens a registry at a URI ({@code hdfs://nn/models}, {@code s3a://b/models}) or local path. */
  public static ModelRegistry open(String rootUri) {
    return open(rootUri, new Configuration());
  }

  /** Opens a registry with an explicit Hadoop configuration (credentials, name nodes). */
  public static ModelRegistry open(String rootUri, Configuration conf) {
    try {
      return new ModelRegistry(RegistryFileSystem.open(rootUri, conf));
    } catch (IOException | IllegalArgumentException e) {
      throw new RegistryException(
          "cannot open model registry '" + rootUri + "': " + e.getMessage(), e);
    }
  }

  /** The registry root as a qualified URI. */
  public String root() {
    return files.rootUri();
  }

  /** Kinds that have a folder, sorted. */
  public List<String> kinds() {
    return layout.kinds();
  }

  /** A fresh version name, later than every one this JVM issued before. */
  public String newVersion() {
    return VersionName.next(Instant.now(), Optional.empty());
  }

  /** Publishes a trained bundle under a fresh version name; see {@link #publish(String, String, Path, QualityGate)}. */
  public PublishResult publish(String kind, Path stagingDir, QualityGate gate) {
    layout.checkKind(kind);
    return publish(kind, VersionName.next(Instant.now(), layout.newest(kind)), stagingDir, gate);
  }

  /**
   * Copies {@code stagingDir} to a new version folder, then lets the gate decide whether it becomes
   * current. The version is stored either way.
   *
   * @param version a name from {@link #newVersion()}, so the trainer can record it in its files
   */
  public PublishResult publish(String kind, String version, Path stagingDir, QualityGate gate) {
    layout.checkKind(kind);
    if (!VersionName.isVersion(version)) {
      throw new RegistryException(
          "'"
              + version
              + "' is not a version name (expected like "
              + "20261122-223501-ab12cd, see ModelRegistry.newVersion())");
    }
    if (!Files.isDirectory(stagingDir)) {
      throw new RegistryException("staging folder " + stagingDir + " does not exist");
    }
    if (files.exists(kind + "/" + version)) {
      throw new RegistryException("version " + version + " of '" + kind + "' exists already");
    }
    Optional<String> previous = current(kind);
    Optional<QualityGate.CurrentModel> currentModel =
        previous.map(v -> new QualityGate.CurrentModel(v, metrics(kind, v)));
    files.upload(stagingDir, kind + "/" + version);
    GateDecision decision = gate.evaluate(kind, metrics(kind, version), currentModel);
    if (decision.passed()) {
      makeCurrent(kind, version, HistoryAction.GATE_PASS, decision.reason());
    } else {
      ModelHistory.append(
          files,
          kind,
          new HistoryEntry(Instant.now(), HistoryAction.GATE_REFUSED, version, decision.reason()));
    }
    return new PublishResult(kind, version, decision.passed(), decision.reason(), previous);
  }

  /** Every version of a kind, oldest first, with its metrics and which one is current. */
  public List<ModelVersion> list(String kind) {
    layout.checkKindExists(kind);
    Optional<String> current = current(kind);
    List<ModelVersion> out = new ArrayList<>();
    for (String v : layout.versions(kind)) {
      out.add(
          new ModelVersion(
              v,
              VersionName.created(v),
              metricsOrEmpty(kind, v),
              current.map(v::equals).orElse(false)));
    }
    return out;
  }

  /** The current version of a kind; empty when none was made current yet or the kind is unknown. */
  public Optional<String> current(String kind) {
    return layout.reader().current(kind);
  }

  /** The version folder's qualified URI, e.g. {@code file:/srv/models/churn/20261122-223501-ab12cd}. */
  public String versionPath(String kind, String version) {
    layout.checkVersion(kind, version);
    return files.uri(kind + "/" + version);
  }

  /** The bytes of one file of a version, e.g. {@code metrics.json}. */
  public byte[] read(String kind, String version, String fileName) {
    layout.checkVersion(kind, version);
    return layout.reader().read(kind, version, fileName);
  }

  /** The files of a version with their sizes, sorted by name. */
  public List<BundleFile> files(String kind, String version) {
    layout.checkVersion(kind, version);
    return files.files(kind + "/" + version);
  }

  /** A version's {@code metrics.json}. */
  public ModelMetrics metrics(String kind, String version) {
    return ModelMetrics.parse(
        read(kind, version, ModelMetrics.FILE_NAME),
        kind + "/" + version + "/" + ModelMetrics.FILE_NAME);
  }

  /** The version folder itself when the registry is on the local disk; empty otherwise. */
  public Optional<Path> localPathIfLocal(String kind, String version) {
    layout.checkVersion(kind, version);
    return files.localPath(kind + "/" + version);
  }

  /** Copies a version's files into {@code localDir} (created when missing) and returns it. */
  public Path copyToLocal(String kind, String version, Path localDir) {
    layout.checkVersion(kind, version);
    files.download(kind + "/" + version, localDir);
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
    try {
      return copyToLocal(
          kind, version, Files.createTempDirectory("treue-" + kind + "-" + version + "-"));
    } catch (IOException e) {
      throw new RegistryException("cannot create a local folder for " + kind + " " + version, e);
    }
  }

  /** The kind's history, oldest first; empty when nothing happened yet. */
  public List<HistoryEntry> history(String kind) {
    layout.checkKind(kind);
    return ModelHistory.read(files, kind);
  }

  /** Makes a version current by hand, bypassing the gate; recorded in the history. */
  public HistoryEntry promote(String kind, String version) {
    layout.checkVersion(kind, version);
    if (current(kind).map(version::equals).orElse(false)) {
      throw new RegistryException("version " + version + " of '" + kind + "' is current already");
    }
    return makeCurrent(kind, version, HistoryAction.PROMOTE, "promoted by hand");
  }

  /** Makes the previous current version current again; fails when there is none. */
  public HistoryEntry rollback(String kind) {
    layout.checkKindExists(kind);
    String from =
        current(kind)
            .orElseThrow(
                () ->
                    new RegistryException(
                        "no current '" + kind + "' model in " + root() + ", nothing to roll back"));
    String to =
        ModelHistory.rollbackTarget(history(kind))
            .orElseThrow(
                () ->
                    new RegistryException(
                        "no earlier current '"
                            + kind
                            + "' model to roll back to; "
                            + from
                            + " is the first"));
    layout.checkVersion(kind, to);
    return makeCurrent(kind, to, HistoryAction.ROLLBACK, "rolled back from " + from);
  }

  @Override
  public void close() {
    files.close();
  }

  private HistoryEntry makeCurrent(
      String kind, String version, HistoryAction action, String reason) {
    // CURRENT first: it is what loaders read; the history line only explains it.
    files.replace(kind + "/" + CURRENT_FILE, (version + "\n").getBytes(StandardCharsets.UTF_8));
    HistoryEntry entry = new HistoryEntry(Instant.now(), action, version, reason);
    ModelHistory.append(files, kind, entry);
    return entry;
  }

  private ModelMetrics metricsOrEmpty(String kind, String version) {
    try {
      return metrics(kind, version);
    } catch (RegistryException e) {
      return ModelMetrics.empty();
    }
  }
}
