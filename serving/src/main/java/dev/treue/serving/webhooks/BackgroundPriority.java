package dev.treue.serving.webhooks;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs webhook delivery's threads at a lower CPU priority than request handling, the way a nightly
 * job is run under {@code nice}: delivery is background work that may wait some milliseconds, a
 * request may not. On a machine whose cores are busy, the kernel then gives delivery the time that
 * requests leave, instead of letting a woken delivery thread preempt a request half-way through.
 * Java cannot say this itself (thread priorities are ignored on Linux unless the whole JVM runs with
 * {@code -XX:ThreadPriorityPolicy=1}, which also raises the JIT's threads above requests), so each
 * thread is reniced by its native id, which Linux allows any user for their own threads. Where that
 * is not possible (not Linux, no {@code renice}) delivery runs at normal priority, as before.
 */
final class BackgroundPriority {
  /** The nice value of delivery's threads (0 is normal, 19 the lowest). */
  static final int NICE = 10;

  private static final Logger LOG = System.getLogger(BackgroundPriority.class.getName());
  private static final Path THREAD_SELF = Path.of("/proc/thread-self");

  private BackgroundPriority() {}

  /** The calling thread's native id; empty where the system does not say (not Linux). */
  static Optional<String> currentThreadId() {
    try {
      // /proc/thread-self links to <pid>/task/<tid>.
      return Optional.of(Files.readSymbolicLink(THREAD_SELF).getFileName().toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The native ids of every thread of this process now; empty where the system does not say. */
  static List<String> everyThreadOfThisProcess() {
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      return tasks.map(t -> t.getFileName().toString()).toList();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return List.of();
    }
  }

  /**
   * Lowers the threads with these native ids to {@link #NICE}, with one {@code renice} for all of
   * them; blocks until it ended (a few milliseconds), so not for an event loop. False, logged, where
   * it could not. A child process briefly holds copies of the JVM's open descriptors (until it
   * closes them), so a server should start delivery after it listens, not while it binds.
   */
  static boolean lower(List<String> threadIds) {
    if (threadIds.isEmpty()) {
      return true;
    }
    List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(NICE), "-p"));
    command.addAll(threadIds);
    try {
      Process renice =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(Redirect.DISCARD)
              .start();
      if (renice.waitFor(10, TimeUnit.SECONDS) && renice.exitValue() == 0) {
        return true;
      }
      renice.destroyForcibly();
    } catch (IOException e) {
      // No renice on this system.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.log(Level.DEBUG, "webhook delivery threads " + threadIds + " run at normal priority");
    return false;
  }
}
