/** The Treue service: HTTP API over the Redis feature cache. */
package dev.treue.serving;
