package dev.treue.store;

/**
 * The member's state kept changing under the event update for every allowed attempt. Nothing was
 * written by the failed update; the caller may retry the whole request.
 */
public final class ConcurrentUpdateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConcurrentUpdateException(String customerId, int attempts) {
    super(
        "the state of member '"
            + customerId
            + "' changed concurrently "
            + attempts
            + " times in a row; nothing was written, retry the request");
  }
}
