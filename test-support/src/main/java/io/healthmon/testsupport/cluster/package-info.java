/**
 * What a test of several server instances needs around them: HAProxy in front of the instances, run
 * as a plain process with the one configuration the tests, the cluster benchmark and the operators'
 * documentation share ({@link io.healthmon.testsupport.cluster.HaproxyConfig}), and free ports for
 * test servers below the range the kernel gives to outgoing connections. The instances themselves
 * and what the tests check of them live with the tests.
 */
package io.healthmon.testsupport.cluster;
