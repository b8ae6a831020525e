/**
 * Webhooks: subscriptions ({@code /v1/webhooks}), and the delivery worker that reads the tenant's
 * trigger stream and posts each firing, signed, to every subscription that wants it, with retries,
 * dead letters and a delivery log.
 */
package dev.treue.serving.webhooks;
