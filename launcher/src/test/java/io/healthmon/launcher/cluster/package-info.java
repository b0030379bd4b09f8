/**
 * What {@code ClusterIT} needs around the cluster it starts: the launcher run with several instances,
 * a load of reports through HAProxy with every answer recorded, a webhook receiver recording every
 * notice, and the reports PostgreSQL holds, read back. The checks themselves stay in the test.
 */
package io.healthmon.launcher.cluster;
