/** Tests that act as a hostile or careless client against a running service and a real Redis. */
package dev.treue.serving.hostile;
