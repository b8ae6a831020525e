package dev.treue.serving.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
  private final transient Map<String, Object> extensions;

  public ApiException(
      int status, String kind, String title, String detail, List<FieldError> errors) {
    this(status, kind, title, detail, errors, Map.of());
  }

  private ApiException(
      int status,
      String kind,
      String title,
      String detail,
      List<FieldError> errors,
      Map<String, Object> extensions) {
    super(detail);
    this.status = status;
    this.kind = kind;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.extensions = extensions;
  }

  /**
   * The same problem with an extension member (RFC 9457 section 3.2), e.g. a machine-readable
   * {@code reason}; null values are left out.
   */
  public ApiException with(String member, Object value) {
    if (value == null) {
      return this;
    }
    Map<String, Object> more = new LinkedHashMap<>(extensions);
    more.put(member, value);
    return new ApiException(
        status, kind, title, getMessage(), errors, Collections.unmodifiableMap(more));
  }

  public ApiException(int status, String kind, String title, String detail) {
    this(status, kind, title, detail, List.of());
  }

  /** A 400 for one invalid field. */
  public static ApiException invalid(String field, String problem) {
    return new ApiException(
        400,
        "validation",
        "Invalid request",
        field + ": " + problem,
        List.of(new FieldError(field, problem)));
  }

  /** A 400 for several invalid fields. */
  public static ApiException invalid(List<FieldError> errors) {
    FieldError first = errors.get(0);
    String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
    return new ApiException(
        400,
        "validation",
        "Invalid request",
        first.field() + ": " + first.problem() + more,
        errors);
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

  /** Extension members, in the order added. */
  public Map<String, Object> extensions() {
    return extensions;
  }
}
