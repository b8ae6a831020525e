package dev.treue.serving.contract;

import dev.treue.serving.http.ApiException;
import dev.treue.serving.http.FieldError;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameter checks of one contract operation, as a route handler: every path and query
 * parameter is checked against its rule, unknown or repeated query parameters are refused (a typo
 * such as {@code min_prob} should not silently widen a list), and all problems are reported at once.
 */
public final class OperationCheck implements Handler<RoutingContext> {
  private final String operationId;
  private final List<ParameterRule> rules;
  private final Set<String> queryNames;

  OperationCheck(String operationId, List<ParameterRule> rules) {
    this.operationId = operationId;
    this.rules = List.copyOf(rules);
    Set<String> names = new TreeSet<>();
    for (ParameterRule r : rules) {
      if (!r.path) {
        names.add(r.name);
      }
    }
    this.queryNames = names;
  }

  public String operationId() {
    return operationId;
  }

  @Override
  public void handle(RoutingContext ctx) {
    List<FieldError> errors = null;
    MultiMap query = ctx.queryParams();
    if (!query.isEmpty()) {
      for (String name : query.names()) {
        if (!queryNames.contains(name)) {
          errors =
              add(
                  errors,
                  new FieldError(
                      ParameterRule.shown(name).replace("'", ""),
                      "unknown query parameter; "
                          + (queryNames.isEmpty()
                              ? "this operation takes none"
                              : "expected one of " + String.join(", ", queryNames))));
        } else if (query.getAll(name).size() > 1) {
          errors =
              add(
                  errors,
                  new FieldError(
                      name, "given " + query.getAll(name).size() + " times; expected once"));
        }
      }
    }
    for (ParameterRule rule : rules) {
      String value = rule.path ? ctx.pathParam(rule.name) : query.get(rule.name);
      String problem = rule.problem(value);
      if (problem != null) {
        errors = add(errors, new FieldError(rule.name, problem));
      }
    }
    if (errors != null) {
      ctx.fail(ApiException.invalid(errors));
      return;
    }
    ctx.next();
  }

  private static List<FieldError> add(List<FieldError> errors, FieldError e) {
    List<FieldError> out = errors == null ? new ArrayList<>() : errors;
    out.add(e);
    return out;
  }
}
