/** What the dashboard's pages need from the servlet layer (the pages themselves are static files in the WAR). */
package io.healthmon.server.web;
