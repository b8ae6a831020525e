/** API keys bound to tenants, with scopes ({@code score}, {@code events}, {@code lists}, {@code admin}). */
package dev.treue.serving.auth;
