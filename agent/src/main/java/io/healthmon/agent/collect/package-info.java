/**
 * Collecting a report: {@link io.healthmon.agent.collect.SystemSource} is the one seam over the machine (a
 * fake stands in for it in tests), each collector fills one part of the report, and the
 * {@link io.healthmon.agent.collect.CollectorRunner} times every collector and isolates its failure, so
 * one broken collector never stops the others and its failure travels in the report.
 */
package io.healthmon.agent.collect;
