/**
 * The reward catalogue: what an offer is ({@link dev.treue.core.offer.Offer}, its
 * {@link dev.treue.core.offer.OfferKind}) as the {@code offers} table of the data contract describes
 * it, shared by the generator, training and the service.
 */
package dev.treue.core.offer;
