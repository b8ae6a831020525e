package dev.treue.training.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.treue.core.registry.RegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A kind's change history, one JSON object per line ({@code time}, {@code action}, {@code version},
 * {@code reason}). Rollback replays it as a stack of currents: every promotion pushes, every
 * rollback pops, so rolling back twice walks two steps back instead of toggling between the last
 * two versions.
 */
final class ModelHistory {
  static final String FILE_NAME = "history.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelHistory() {}

  /** The kind's entries, oldest first; empty when nothing happened yet. */
  static List<HistoryEntry> read(RegistryFileSystem files, String kind) {
    String path = kind + "/" + FILE_NAME;
    if (!files.exists(path)) {
      return List.of();
    }
    return parse(new String(files.read(path), StandardCharsets.UTF_8), files.uri(path));
  }

  /** Adds one line by rewriting the file: S3 cannot append, and the file stays small. */
  static void append(RegistryFileSystem files, String kind, HistoryEntry entry) {
    String path = kind + "/" + FILE_NAME;
    byte[] old = files.exists(path) ? files.read(path) : new byte[0];
    byte[] line = line(entry);
    byte[] all = new byte[old.length + line.length];
    System.arraycopy(old, 0, all, 0, old.length);
    System.arraycopy(line, 0, all, old.length, line.length);
    files.replace(path, all);
  }

  static List<HistoryEntry> parse(String text, String source) {
    List<HistoryEntry> entries = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        entries.add(
            new HistoryEntry(
                Instant.parse(node.path("time").asText()),
                HistoryAction.fromLabel(node.path("action").asText()),
                node.path("version").asText(),
                node.path("reason").asText("")));
      } catch (IOException | RuntimeException e) {
        throw new RegistryException(
            source + " line " + (i + 1) + " is not a history entry: " + e.getMessage(), e);
      }
    }
    return entries;
  }

  /** One line of JSON, ending in a newline. */
  static byte[] line(HistoryEntry entry) {
    ObjectNode node = JSON.createObjectNode();
    node.put("time", entry.time().toString());
    node.put("action", entry.action().label());
    node.put("version", entry.version());
    node.put("reason", entry.reason());
    try {
      return (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The version a rollback returns to: the one that was current before the current one, after
   * earlier rollbacks have been undone. Empty when the current version is the first one.
   */
  static Optional<String> rollbackTarget(List<HistoryEntry> entries) {
    List<String> currents = new ArrayList<>();
    for (HistoryEntry e : entries) {
      if (e.action() == HistoryAction.ROLLBACK) {
        if (!currents.isEmpty()) {
          currents.remove(currents.size() - 1);
        }
        // Keep the stack honest if the history was edited by hand: its top is the entry's version.
        if (currents.isEmpty() || !currents.get(currents.size() - 1).equals(e.version())) {
          currents.add(e.version());
        }
      } else if (e.action().makesCurrent()) {
        currents.add(e.version());
      }
    }
    return currents.size() < 2 ? Optional.empty() : Optional.of(currents.get(currents.size() - 2));
  }
}
