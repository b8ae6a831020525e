/** The events API: validation shared with the importer, atomic idempotent folding, rescoring. */
package dev.treue.serving.events;
