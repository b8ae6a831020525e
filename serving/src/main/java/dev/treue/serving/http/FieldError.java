package dev.treue.serving.http;

/**
 * One invalid input in a problem response.
 *
 * @param field where it is: a parameter name, a header, or a JSON path such as {@code events[3].ts}
 * @param problem what was wrong and what was expected
 */
public record FieldError(String field, String problem) {}
