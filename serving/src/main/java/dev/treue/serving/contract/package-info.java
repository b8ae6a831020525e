/**
 * The OpenAPI contract and the request checks derived from it: precompiled parameter rules for the
 * hot path, JSON Schema validation for bodies.
 */
package dev.treue.serving.contract;
