package dev.treue.serving.contract;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI 3.1 contract ({@code openapi.yaml} on the class path), parsed and checked by
 * vertx-openapi at start-up, and turned into the checks every request goes through: per operation,
 * precompiled parameter rules ({@link OperationCheck}); per body schema, a JSON Schema validator
 * ({@link BodySchema}). Also gives each operation's required scope ({@code x-treue-scope}).
 */
public final class ApiContract {
  /** Class-path resource of the contract. */
  public static final String RESOURCE = "openapi.yaml";

  private final OpenAPIContract contract;
  private final JsonObject published;
  private final Map<String, OperationCheck> checks = new HashMap<>();
  private final Map<String, BodySchema> bodies = new HashMap<>();

  private ApiContract(OpenAPIContract contract, JsonObject published) {
    this.contract = contract;
    this.published = published;
    for (Operation op : contract.operations()) {
      List<ParameterRule> rules = new ArrayList<>();
      for (Parameter p : op.getParameters()) {
        if (p.getIn() != Location.PATH && p.getIn() != Location.QUERY) {
          throw new IllegalStateException(
              "operation "
                  + op.getOperationId()
                  + " has a "
                  + p.getIn()
                  + " parameter; the service checks only path and query parameters");
        }
        rules.add(
            ParameterRule.of(
                p.getName(), p.getIn() == Location.PATH, p.isRequired(), p.getSchema()));
      }
      checks.put(op.getOperationId(), new OperationCheck(op.getOperationId(), rules));
    }
    JsonObject schemas = published.getJsonObject("components").getJsonObject("schemas");
    ContractIds.check(published);
    JsonSchemaOptions options =
        new JsonSchemaOptions()
            .setDraft(Draft.DRAFT202012)
            .setBaseUri("https://treue.dev/schemas/")
            .setOutputFormat(OutputFormat.Basic);
    for (String name : schemas.fieldNames()) {
      JsonObject inlined = (JsonObject) inline(schemas.getJsonObject(name), schemas, 0);
      bodies.put(
          name, new BodySchema(name, inlined, Validator.create(JsonSchema.of(inlined), options)));
    }
  }

  /** Loads and checks the contract. */
  public static Future<ApiContract> load(Vertx vertx) {
    JsonObject raw;
    try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return Future.failedFuture(
            new IllegalStateException(RESOURCE + " is not on the class path"));
      }
      Map<String, Object> tree =
          new Yaml(new SafeConstructor(new LoaderOptions()))
              .load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      raw = new JsonObject(tree);
    } catch (IOException | RuntimeException e) {
      return Future.failedFuture(
          new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e));
    }
    JsonObject published = raw;
    return OpenAPIContract.from(vertx, withCustomMethodSegments(withoutResponseBodies(raw.copy())))
        .map(c -> new ApiContract(c, published));
  }

  /**
   * The contract as vertx-openapi may parse it: that library refuses response media types it cannot
   * validate ({@code application/problem+json}, {@code text/csv}), and the service never validates
   * its own responses with it, so response bodies are left out of its copy. The published contract
   * keeps them.
   */
  private static JsonObject withoutResponseBodies(JsonObject contract) {
    for (Map.Entry<String, Object> path : contract.getJsonObject("paths")) {
      for (Map.Entry<String, Object> op : (JsonObject) path.getValue()) {
        if (op.getValue() instanceof JsonObject operation
            && operation.getJsonObject("responses") != null) {
          for (Map.Entry<String, Object> response : operation.getJsonObject("responses")) {
            ((JsonObject) response.getValue()).remove("content");
          }
        }
      }
    }
    JsonObject responses = contract.getJsonObject("components").getJsonObject("responses");
    if (responses != null) {
      responses.forEach(r -> ((JsonObject) r.getValue()).remove("content"));
    }
    return contract;
  }

  /**
   * The contract with custom-method paths such as {@code /offers/{offerId}:retire} written as
   * {@code /offers/{offerId}/:retire} for vertx-openapi, which wants a path parameter to fill its
   * whole segment. Only the library's copy is changed (it is used for parameters and operations,
   * never for routing); the published contract and the routes keep the real path.
   */
  private static JsonObject withCustomMethodSegments(JsonObject contract) {
    JsonObject paths = contract.getJsonObject("paths");
    JsonObject rewritten = new JsonObject();
    for (Map.Entry<String, Object> path : paths) {
      rewritten.put(path.getKey().replaceAll("}:([A-Za-z-]+)$", "}/:$1"), path.getValue());
    }
    contract.put("paths", rewritten);
    return contract;
  }

  /** The parameter checks of an operation. */
  public OperationCheck operation(String operationId) {
    OperationCheck check = checks.get(operationId);
    if (check == null) {
      throw new IllegalArgumentException("the contract has no operation '" + operationId + "'");
    }
    return check;
  }

  /**
   * The scopes an operation accepts ({@code x-treue-scope}: one name, or a list of names any of
   * which will do), or an empty list for open operations.
   */
  public List<String> scopes(String operationId) {
    for (Operation op : contract.operations()) {
      if (op.getOperationId().equals(operationId)) {
        Object scope = op.getExtensions().get("x-treue-scope");
        if (scope == null) {
          return List.of();
        }
        if (scope instanceof Iterable<?> names) {
          List<String> out = new java.util.ArrayList<>();
          names.forEach(n -> out.add(String.valueOf(n)));
          return List.copyOf(out);
        }
        return List.of(scope.toString());
      }
    }
    throw new IllegalArgumentException("the contract has no operation '" + operationId + "'");
  }

  /** A validator for a component schema. */
  public BodySchema body(String component) {
    BodySchema schema = bodies.get(component);
    if (schema == null) {
      throw new IllegalArgumentException("the contract has no schema '" + component + "'");
    }
    return schema;
  }

  /** A number from a component schema, e.g. {@code maxItems} of a list property. */
  public int limit(String component, String property, String keyword) {
    JsonObject schema =
        published
            .getJsonObject("components")
            .getJsonObject("schemas")
            .getJsonObject(component)
            .getJsonObject("properties")
            .getJsonObject(property);
    return schema.getInteger(keyword);
  }

  /** Every operation id. */
  public List<String> operationIds() {
    return contract.operations().stream().map(Operation::getOperationId).toList();
  }

  /** The path parameter rule for member ids, as the contract writes it. */
  public String memberIdPattern() {
    return published
        .getJsonObject("components")
        .getJsonObject("parameters")
        .getJsonObject("CustomerId")
        .getJsonObject("schema")
        .getString("pattern");
  }

  private static Object inline(Object node, JsonObject schemas, int depth) {
    if (depth > 20) {
      throw new IllegalStateException("schema references nest deeper than 20 levels (a cycle?)");
    }
    if (node instanceof JsonObject o) {
      String ref = o.getString("$ref");
      if (ref != null && ref.startsWith("#/components/schemas/")) {
        String name = ref.substring("#/components/schemas/".length());
        return inline(schemas.getJsonObject(name), schemas, depth + 1);
      }
      JsonObject out = new JsonObject();
      for (Map.Entry<String, Object> e : o) {
        // The validator matches patterns with Java's regex engine: ECMA's end anchor must be spelt
        // \z.
        out.put(
            e.getKey(),
            e.getKey().equals("pattern") && e.getValue() instanceof String p
                ? EcmaPattern.toJava(p)
                : inline(e.getValue(), schemas, depth + 1));
      }
      return out;
    }
    if (node instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      for (Object v : a) {
        out.add(inline(v, schemas, depth + 1));
      }
      return out;
    }
    return node;
  }
}
