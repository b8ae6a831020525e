package dev.treue.core.registry;

import java.util.List;

/**
 * The file system a registry lives on, as the reader needs it: paths are relative to the registry
 * root with {@code /} separators ({@code "churn/CURRENT"}). Core reads local folders
 * ({@link LocalRegistryFiles}); training plugs in Hadoop's file systems ({@code hdfs:}, {@code s3a:}).
 * Failures surface as {@link RegistryException}s naming the registry.
 */
public interface RegistryFiles {
  /** The file or folder exists. */
  boolean exists(String relative);

  /** A file's bytes. */
  byte[] read(String relative);

  /** Names of the sub-folders, sorted; empty when the folder does not exist. */
  List<String> folders(String relative);

  /** Where a relative path is, for messages: a URI or a local path. */
  String describe(String relative);
}
