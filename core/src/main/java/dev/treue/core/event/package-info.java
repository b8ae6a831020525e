/** Loyalty events of the data contract: the one input both training and serving fold into state. */
package dev.treue.core.event;
