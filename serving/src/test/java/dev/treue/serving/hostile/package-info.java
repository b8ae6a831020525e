/** Hostile-client tests of the service: inputs and connections meant to break it. */
package dev.treue.serving.hostile;
