/** {@code GET /v1/uplift}: the stored result of {@code ./treue uplift}, treated against the control group. */
package dev.treue.serving.uplift;
