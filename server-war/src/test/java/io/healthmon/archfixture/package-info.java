/**
 * Classes built to break the server's layering rules, one violation each, so that
 * {@code LayeringRulesTest} can show every rule failing. Never used by anything else.
 */
package io.healthmon.archfixture;
