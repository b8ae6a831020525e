package dev.treue.serving.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.treue.store.RedisKeys;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract agrees with the code: id rules, scopes, body limits. */
class ApiContractTest {
  private static Vertx vertx;
  private static ApiContract contract;

  @BeforeAll
  static void load() throws Exception {
    vertx = Vertx.vertx();
    contract = ApiContract.load(vertx).toCompletionStage().toCompletableFuture().get();
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  @Test
  void theMemberIdRuleIsTheKeySchemasRule() {
    Pattern contractRule = Pattern.compile(contract.memberIdPattern());
    for (String id :
        List.of(
            "a",
            "A1",
            "m-1.x_y",
            "x".repeat(64),
            "x".repeat(65),
            "",
            "-a",
            ".a",
            "a b",
            "a:b",
            "a{b}",
            "é",
            "a/b",
            "0")) {
      assertEquals(RedisKeys.validMemberId(id), contractRule.matcher(id).matches(), id);
    }
  }

  @Test
  void everyV1OperationNamesAScopeAndBatchesAreBounded() {
    for (String op : contract.operationIds()) {
      if (!List.of("live", "ready", "metrics").contains(op)) {
        assertFalse(contract.scopes(op).isEmpty(), op + " has no x-treue-scope");
      }
    }
    assertEquals(1000, contract.limit("EventBatch", "events", "maxItems"));
    assertEquals(1000, contract.limit("ChurnBatchRequest", "customer_ids", "maxItems"));
  }

  @Test
  void parameterRulesExplainWhatTheyExpect() {
    ParameterRule limit =
        ParameterRule.of(
            "limit",
            false,
            false,
            io.vertx.json.schema.JsonSchema.of(
                new io.vertx.core.json.JsonObject()
                    .put("type", "integer")
                    .put("minimum", 1)
                    .put("maximum", 1000)));
    assertEquals("'0' is out of range; expected a whole number from 1 to 1000", limit.problem("0"));
    assertEquals("expected a whole number from 1 to 1000, got '1.5'", limit.problem("1.5"));
    assertEquals(null, limit.problem("10"));
  }
}
