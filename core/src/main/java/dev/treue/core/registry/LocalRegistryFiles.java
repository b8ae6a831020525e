package dev.treue.core.registry;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A registry in a local folder, read with {@code java.nio}: what the service reads. */
public final class LocalRegistryFiles implements RegistryFiles {
  private final Path root;

  public LocalRegistryFiles(Path root) {
    this.root = root;
  }

  /** The registry root. */
  public Path root() {
    return root;
  }

  @Override
  public boolean exists(String relative) {
    return Files.exists(resolve(relative));
  }

  @Override
  public byte[] read(String relative) {
    try {
      return Files.readAllBytes(resolve(relative));
    } catch (IOException e) {
      throw new RegistryException("cannot read " + resolve(relative) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> folders(String relative) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> dir =
        Files.newDirectoryStream(resolve(relative), Files::isDirectory)) {
      dir.forEach(p -> names.add(p.getFileName().toString()));
    } catch (NoSuchFileException e) {
      return names;
    } catch (IOException e) {
      throw new RegistryException("cannot list " + resolve(relative) + ": " + e.getMessage(), e);
    }
    names.sort(null);
    return names;
  }

  @Override
  public String describe(String relative) {
    return resolve(relative).toString();
  }

  private Path resolve(String relative) {
    return relative.isEmpty() ? root : root.resolve(relative);
  }
}
