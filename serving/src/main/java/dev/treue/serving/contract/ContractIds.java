package dev.treue.serving.contract;

import dev.treue.core.id.IdRule;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The contract's id fields must spell the id rules of {@link IdRule} (the ones the importers and the
 * Redis keys use): checked when the contract loads, so an edit to one side cannot go unnoticed.
 */
final class ContractIds {
  /** Where the contract declares an id, as a path of member names from the root, and its rule. */
  private static final Map<String, IdRule> FIELDS =
      Map.of(
          "components/parameters/CustomerId/schema", IdRule.MEMBER,
          "components/parameters/OfferId/schema", IdRule.OFFER,
          "components/schemas/Event/properties/event_id", IdRule.EVENT,
          "components/schemas/Event/properties/customer_id", IdRule.MEMBER,
          "components/schemas/Event/properties/offer_id", IdRule.OFFER,
          "components/schemas/ChurnBatchRequest/properties/customer_ids/items", IdRule.MEMBER,
          "components/schemas/IssueRequest/properties/request_id", IdRule.REQUEST,
          "components/schemas/OfferInput/properties/offer_id", IdRule.OFFER);

  private ContractIds() {}

  /** How the contract spells an id rule's pattern (ECMA syntax, anchored). */
  private static String spelling(IdRule rule) {
    return "^" + rule.regex() + "$";
  }

  /**
   * The id rule a contract pattern spells, given in Java's syntax ({@link EcmaPattern}), or null: a
   * value of such a field is checked by {@link IdRule#accepts}, which accepts exactly what the
   * pattern matches without running the regex engine (4% of an event's CPU samples went to it).
   */
  static IdRule ruleOf(String javaPattern) {
    for (IdRule rule : IdRule.values()) {
      if (EcmaPattern.toJava(spelling(rule)).equals(javaPattern)) {
        return rule;
      }
    }
    return null;
  }

  /** @throws IllegalStateException naming every id field that does not spell its rule */
  static void check(JsonObject contract) {
    List<String> problems = new ArrayList<>();
    FIELDS.forEach(
        (where, rule) -> {
          JsonObject schema = contract;
          for (String part : where.split("/")) {
            schema = schema == null ? null : schema.getJsonObject(part);
          }
          String expected = spelling(rule);
          if (schema == null) {
            problems.add(where + " is missing");
          } else if (!expected.equals(schema.getString("pattern"))
              || !Integer.valueOf(rule.maxLength()).equals(schema.getInteger("maxLength"))) {
            problems.add(
                where
                    + " has pattern "
                    + schema.getString("pattern")
                    + " and maxLength "
                    + schema.getInteger("maxLength")
                    + "; the "
                    + rule
                    + " id rule is "
                    + expected
                    + " and "
                    + rule.maxLength());
          }
        });
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "the contract's id fields differ from the id rules: " + problems);
    }
  }
}
