/**
 * {@code ./treue demo}: Redis (embedded when none is configured), the training half through the
 * launcher, then the service with a demo API key and example calls.
 */
package dev.treue.serving.demo;
