/** Churn scoring shared by batch scoring and the service: probability, risk band, reasons. */
package dev.treue.core.churn;
