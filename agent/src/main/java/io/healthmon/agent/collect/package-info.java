/**
 * Collecting a report: {@link io.healthmon.agent.collect.SystemSource} is the one seam over the machine,
 * implemented over OSHI ({@link io.healthmon.agent.collect.OshiSystemSource}, with the mount table and
 * the network counters read by the agent itself where OSHI's answer breaks its rules) and faked in tests; each collector fills one part of the report, and the
 * {@link io.healthmon.agent.collect.CollectorRunner} times every collector and isolates its failure, so
 * one broken collector never stops the others and its failure travels in the report.
 */
package io.healthmon.agent.collect;
