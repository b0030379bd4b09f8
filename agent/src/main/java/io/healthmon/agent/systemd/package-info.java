/**
 * Failed systemd units. Reading (running {@code systemctl} through {@link
 * io.healthmon.agent.systemd.CommandRunner}) is separate from parsing ({@link
 * io.healthmon.agent.systemd.SystemctlParser}, pure, tested against captured outputs of several systemd
 * versions). When systemd does not answer, the check is reported unavailable, never as "no failures".
 */
package io.healthmon.agent.systemd;
