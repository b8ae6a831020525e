/**
 * HTTP plumbing shared by every feature: problem details for errors ({@link
 * dev.treue.serving.http.ProblemResponder}, {@link dev.treue.serving.http.ApiException}) and request ids.
 */
package dev.treue.serving.http;
