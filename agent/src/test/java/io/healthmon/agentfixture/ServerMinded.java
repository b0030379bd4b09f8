package io.healthmon.agentfixture;

/**
 * Built to break {@code AgentIndependenceTest}'s rule: a class that reaches into the server's code
 * (by name here, since the agent's build cannot see the server's classes).
 */
public class ServerMinded {
    io.healthmon.server.Stand server;
}
