/**
 * The rules of healthmon as plain Java: how a server's health is classified, what a report's headline
 * values are, how API keys are made and hashed. No container, database or HTTP types belong here, so
 * every rule is tested directly (the spec's properties run against these classes).
 */
package io.healthmon.server.domain;
