/**
 * Who may call what: agents by API key (to write their own server's reports), the enrollment token
 * (to register), and the operator token (to read and administer). Filters bound by annotation check
 * the credential before any resource runs; rate limits are applied here too.
 */
package io.healthmon.server.rest.security;
