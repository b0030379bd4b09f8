/**
 * The servlet layer in front of every endpoint: what the dashboard's pages need (the pages themselves
 * are static files in the WAR), browser protections, and the bound on how long a client may take to
 * send a request body.
 */
package io.healthmon.server.web;
