/**
 * Why, in words: a reason is a phrase with typed quantities ({@link dev.treue.core.reason.Reason},
 * {@link dev.treue.core.reason.ReasonArg}), stored language-neutral and put into English or German
 * words when read ({@link dev.treue.core.reason.ReasonWords}). The churn reasons' phrases ({@link
 * dev.treue.core.reason.ReasonPhrase}) and the reward explanations' ({@link
 * dev.treue.core.reason.RewardPhrase}) live here, below both {@code churn} and {@code offers}, so
 * neither package needs the other to say why.
 */
package dev.treue.core.reason;
