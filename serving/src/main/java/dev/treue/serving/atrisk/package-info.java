/** At-risk lists: JSON pages with opaque cursors and streamed CSV exports. */
package dev.treue.serving.atrisk;
