/**
 * The use cases: registering servers and issuing keys, authenticating agents, ingesting reports,
 * classifying health, answering operators' queries and keeping the history (rollups, retention). Each service owns its transaction; REST
 * resources and timers call one service method and map its result.
 */
package io.healthmon.server.application;
