package dev.treue.serving.http;

import java.util.List;

/**
 * An error answered as {@code application/problem+json}: handlers throw it or pass it to
 * {@code ctx.fail}, and {@link ProblemResponder} writes it. The {@code kind} becomes the problem
 * {@code type} URI, so clients can branch on it without parsing text.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String kind;
  private final String title;
  private final transient List<FieldError> errors;

  public ApiException(int status, String kind, String title, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.kind = kind;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public ApiException(int status, String kind, String title, String detail) {
    this(status, kind, title, detail, List.of());
  }

  /** A 400 for one invalid field. */
  public static ApiException invalid(String field, String problem) {
    return new ApiException(400, "validation", "Invalid request", field + ": " + problem,
        List.of(new FieldError(field, problem)));
  }

  /** A 400 for several invalid fields. */
  public static ApiException invalid(List<FieldError> errors) {
    FieldError first = errors.get(0);
    String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
    return new ApiException(400, "validation", "Invalid request", first.field() + ": " + first.problem() + more, errors);
  }

  /** A 503: a dependency (Redis, the model) cannot serve right now. */
  public static ApiException unavailable(String kind, String detail) {
    return new ApiException(503, kind, "Service unavailable", detail);
  }

  public int status() {
    return status;
  }

  public String kind() {
    return kind;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
