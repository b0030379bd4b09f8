package io.healthmon.server.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** Gives Jersey's Jackson provider the server's mapper, for every request and response body. */
@Provider
public class JacksonConfiguration implements ContextResolver<ObjectMapper> {

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return ApiJson.MAPPER;
    }
}
